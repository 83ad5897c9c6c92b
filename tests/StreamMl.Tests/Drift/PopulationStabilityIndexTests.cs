using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (NumPy 1.24.2), PSI by hand: edges
// sorted(A)[floor(k/B·(n−1))], k = 1..B−1, duplicates dropped; shares of right-closed bins via
// numpy.searchsorted(side='right'); s' = (s + 1e-4)/(1 + B·1e-4); PSI = Σ (q' − p') ln(q'/p').
//   normal B=10 p=[0.1]*10 q=[0, 0, .08, .12, .08, .08, .04, 0, 0, .6]  PSI=3.7271424120617986
//   ties   B=4  (tied edges) p=[.3, .35, .25, .1] q=[2/22, 5/22, 8/22, 7/22]  PSI=0.5971620745047757
//   skewed B=5  p=[5/24, 5/24, 4/24, 5/24, 5/24] q=[2/36, 3/36, 2/36, 15/36, 14/36]  PSI=0.694777355178952
public class PopulationStabilityIndexTests
{
    [Theory]
    [InlineData("normal", 10, 3.7271424120617986)]
    [InlineData("ties", 4, 0.5971620745047757)]
    [InlineData("skewed", 5, 0.694777355178952)]
    public void Index_over_reference_quantile_bins_matches_numpy(string sample, int bins, double expected)
    {
        var (a, b) = DriftSamples.Numeric(sample);

        var result = PopulationStabilityIndex.Test(a, b, DriftSamples.Small with { Bins = bins });

        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        Assert.Equal(0.2, result.Threshold);
        Assert.True(result.Drift);
    }

    [Fact]
    public void Identical_samples_have_zero_index_and_no_drift()
    {
        var result = PopulationStabilityIndex.Test(DriftSamples.SkewedA, DriftSamples.SkewedA, DriftSamples.Small);
        Assert.Equal(0, result.Statistic);
        Assert.False(result.Drift);
    }
}
