using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1, NumPy 1.24.2):
//   W1 = scipy.stats.wasserstein_distance(A, B), s = numpy.std(A, ddof=1), statistic W1 / s
//     normal W1=0.9080666666666667 s=0.8365342433097913 → 1.0855104545079393
//     ties   W1=0.9500000000000002 s=1.1459310165698642 → 0.8290202344323065
//     skewed W1=0.8376388888888889 s=0.7946003233783909 → 1.05416379058029
public class WassersteinTests
{
    [Theory]
    [InlineData("normal", 0.9080666666666667, 1.0855104545079393)]
    [InlineData("ties", 0.9500000000000002, 0.8290202344323065)]
    [InlineData("skewed", 0.8376388888888889, 1.05416379058029)]
    public void Distance_and_normalised_statistic_match_scipy(string sample, double w1, double normalised)
    {
        var (a, b) = DriftSamples.Numeric(sample);

        var distance = Wasserstein.Distance(EmpiricalDistribution.FromSamples(a), EmpiricalDistribution.FromSamples(b));
        var result = Wasserstein.Test(a, b, DriftSamples.Small);

        DriftSamples.AssertRelative(w1, distance, 1e-12);
        DriftSamples.AssertRelative(normalised, result.Statistic, 1e-12);
        Assert.Null(result.PValue);
        Assert.True(result.Drift);
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
