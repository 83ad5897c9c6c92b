using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (NumPy 1.24.2), PSI by hand: edges
// sorted(A)[floor(k/B·(n−1))], k = 1..B−1, duplicates dropped; shares of right-closed bins via
// numpy.searchsorted(side='right'); s' = (s + 1e-4)/(1 + B·1e-4); PSI = Σ (q' − p') ln(q'/p').
//   normal B=10 p=[0.1]*10 q=[0, 0, .08, .12, .08, .08, .04, 0, 0, .6]  PSI=3.7271424120617986
//   ties   B=4  (tied edges) p=[.3, .35, .25, .1] q=[2/22, 5/22, 8/22, 7/22]  PSI=0.5971620745047757
//   skewed B=5  p=[5/24, 5/24, 4/24, 5/24, 5/24] q=[2/36, 3/36, 2/36, 15/36, 14/36]  PSI=0.694777355178952
// The p-value chi2.sf(PSI / (1/n + 1/m), cells − 1) and the threshold max(0.2, (1/n + 1/m)·chi2.isf(0.01, cells − 1)),
// lines "psi cells=… p=… threshold=…":
//   normal p=7.534640786225273e-08 threshold=1.5888395844538747; ties p=0.09979895484624811 threshold=1.082919096968326;
//   skewed p=0.040347006516750744 threshold=0.9219933427769185
public class PopulationStabilityIndexTests
{
    [Theory]
    [InlineData("normal", 10, 3.7271424120617986, 7.534640786225273e-08, 1.5888395844538747)]
    [InlineData("ties", 4, 0.5971620745047757, 0.09979895484624811, 1.082919096968326)]
    [InlineData("skewed", 5, 0.694777355178952, 0.040347006516750744, 0.9219933427769185)]
    public void Index_over_reference_quantile_bins_and_its_threshold_for_the_sample_sizes_match_scipy(
        string sample, int bins, double expected, double pValue, double threshold)
    {
        var (a, b) = DriftSamples.Numeric(sample);

        var result = PopulationStabilityIndex.Test(a, b, DriftSamples.Small with { Bins = bins });

        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(pValue, result.PValue!.Value, 1e-9);
        // Samples of 20 to 36 values: the floor of 0.2 is far below what chance gives at these sizes.
        DriftSamples.AssertRelative(threshold, result.Threshold, 1e-9);
        Assert.Equal(expected > threshold, result.Drift);
    }

    [Fact]
    public void The_threshold_is_what_chance_gives_at_small_sizes_and_the_floor_at_large_ones()
    {
        // Ten occupied bins: (1/n + 1/m)·chi2.isf(0.01, 9) = 0.0433 for n = m = 1,000 and 0.4333 for n = m = 100.
        var small = PopulationStabilityIndex.Test(Samples(100, 1), Samples(100, 2), DriftSettings.Default);
        var large = PopulationStabilityIndex.Test(Samples(1000, 1), Samples(1000, 2), DriftSettings.Default);

        DriftSamples.AssertRelative(0.02 * 21.665994333461928, small.Threshold, 1e-9);
        Assert.Equal(0.2, large.Threshold);
    }

    private static double[] Samples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
    }

    [Fact]
    public void Identical_samples_have_zero_index_and_no_drift()
    {
        var result = PopulationStabilityIndex.Test(DriftSamples.SkewedA, DriftSamples.SkewedA, DriftSamples.Small);
        Assert.Equal(0, result.Statistic);
        Assert.False(result.Drift);
    }
}
