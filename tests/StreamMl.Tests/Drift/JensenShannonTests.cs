using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1):
//   numeric: scipy.spatial.distance.jensenshannon(p, q, base=2) on the PSI bin shares (unsmoothed)
//     normal (B=10) 0.5962903892213391, ties (B=4) 0.32061998124765806, skewed (B=5) 0.3470446058281183
//   categorical: jensenshannon(r, c, base=2) on the raw count vectors (SciPy normalises them)
//     three 0.1435300705478157, empty 0.44138087735250786, labels 0.17408372939284805, many 0.13684968608048811
public class JensenShannonTests
{
    [Theory]
    [InlineData("normal", 10, 0.5962903892213391)]
    [InlineData("ties", 4, 0.32061998124765806)]
    [InlineData("skewed", 5, 0.3470446058281183)]
    public void Distance_on_reference_quantile_bins_matches_scipy(string sample, int bins, double expected)
    {
        var (a, b) = DriftSamples.Numeric(sample);
        var result = JensenShannon.Test(a, b, DriftSamples.Small with { Bins = bins });
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        Assert.True(result.Drift);
    }

    [Theory]
    [InlineData("three", 0.1435300705478157)]
    [InlineData("empty", 0.44138087735250786)]
    [InlineData("labels", 0.17408372939284805)]
    [InlineData("many", 0.13684968608048811)]
    public void Distance_between_category_counts_matches_scipy(string table, double expected)
    {
        var (r, c) = DriftSamples.Categories(table);
        var result = JensenShannon.Test(r, c, DriftSamples.Small);
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        Assert.Equal(0.1, result.Threshold);
    }

    [Fact]
    public void Disjoint_distributions_are_at_distance_one()
    {
        var p = new Dictionary<string, long> { ["a"] = 5 };
        var q = new Dictionary<string, long> { ["b"] = 7 };
        DriftSamples.AssertRelative(1, JensenShannon.Test(p, q, DriftSamples.Small).Statistic, 1e-15);
    }
}
