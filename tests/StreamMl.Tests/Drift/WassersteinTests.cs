using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1, NumPy 1.24.2):
//   W1 = scipy.stats.wasserstein_distance(A, B), s = numpy.std(A, ddof=1), statistic W1 / s
//     normal W1=0.9080666666666667 s=0.8365342433097913 → 1.0855104545079393
//     ties   W1=0.9500000000000002 s=1.1459310165698642 → 0.8290202344323065
//     skewed W1=0.8376388888888889 s=0.7946003233783909 → 1.05416379058029
//   The Borell–TIS bound exp(−((w/r − c)/v)²/2), r = √(1/n + 1/m), c = √(2/π)·Σ √(F(1 − F))·Δx / s,
//   v = numpy.std(A) / s, and the threshold max(0.1, r·(c + v·√(2 ln 100))), lines "wasserstein bound p=… threshold=…":
//     normal p=0.01601280235979347 threshold=1.12792767735511; ties p=0.2536923019272601 threshold=1.2441558566952955;
//     skewed p=0.011438935033284369 threshold=1.065676179114369
public class WassersteinTests
{
    [Theory]
    [InlineData("normal", 0.9080666666666667, 1.0855104545079393, 0.01601280235979347, 1.12792767735511)]
    [InlineData("ties", 0.9500000000000002, 0.8290202344323065, 0.2536923019272601, 1.2441558566952955)]
    [InlineData("skewed", 0.8376388888888889, 1.05416379058029, 0.011438935033284369, 1.065676179114369)]
    public void Distance_normalised_statistic_and_its_bound_for_the_sample_sizes_match_scipy(
        string sample, double w1, double normalised, double pValue, double threshold)
    {
        var (a, b) = DriftSamples.Numeric(sample);

        var distance = Wasserstein.Distance(EmpiricalDistribution.FromSamples(a), EmpiricalDistribution.FromSamples(b));
        var result = Wasserstein.Test(a, b, DriftSamples.Small);

        DriftSamples.AssertRelative(w1, distance, 1e-12);
        DriftSamples.AssertRelative(normalised, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(pValue, result.PValue!.Value, 1e-9);
        DriftSamples.AssertRelative(threshold, result.Threshold, 1e-9);
        // About a standard deviation apart, yet 25 to 36 values a side cannot tell it from chance at 1%.
        Assert.False(result.Drift);
    }

    [Fact]
    public void Constant_reference_gives_zero_without_change_and_infinity_for_any_change()
    {
        double[] constant = [2, 2, 2, 2];
        double[] spread = [1, 2, 2, 2, 3, 4];

        Assert.Equal(0, Wasserstein.Test(constant, constant, DriftSamples.Small).Statistic);
        Assert.Equal(double.PositiveInfinity, Wasserstein.Test(constant, spread, DriftSamples.Small).Statistic);
    }
}
