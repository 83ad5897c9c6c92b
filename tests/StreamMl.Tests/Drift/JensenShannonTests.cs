using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1):
//   numeric: scipy.spatial.distance.jensenshannon(p, q, base=2) on the PSI bin shares (unsmoothed)
//     normal (B=10) 0.5962903892213391, ties (B=4) 0.32061998124765806, skewed (B=5) 0.3470446058281183
//   categorical: jensenshannon(r, c, base=2) on the raw count vectors (SciPy normalises them)
//     three 0.1435300705478157, empty 0.44138087735250786, labels 0.17408372939284805, many 0.13684968608048811
//   p-value chi2.sf(8 ln 2 · d² / (1/n + 1/m), cells − 1) and threshold max(0.1, √((1/n + 1/m)·chi2.isf(0.01, cells − 1) / (8 ln 2))),
//   lines "js p=… threshold=…"
public class JensenShannonTests
{
    [Theory]
    [InlineData("normal", 10, 0.5962903892213391, 0.0014606816232794319, 0.5352815835216647)]
    [InlineData("ties", 4, 0.32061998124765806, 0.11299386075407324, 0.4419165660619885)]
    [InlineData("skewed", 5, 0.3470446058281183, 0.04739401103968616, 0.4077614534499458)]
    public void Distance_on_reference_quantile_bins_and_its_threshold_for_the_sample_sizes_match_scipy(
        string sample, int bins, double expected, double pValue, double threshold)
    {
        var (a, b) = DriftSamples.Numeric(sample);
        var result = JensenShannon.Test(a, b, DriftSamples.Small with { Bins = bins });
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(pValue, result.PValue!.Value, 1e-9);
        DriftSamples.AssertRelative(threshold, result.Threshold, 1e-9);
        Assert.Equal(expected > threshold, result.Drift);
    }

    [Theory]
    [InlineData("three", 0.1435300705478157, 0.05750470333249654, 0.1822615728804995)]
    [InlineData("empty", 0.44138087735250786, 0.005479007979125153, 0.418128296873236)]
    [InlineData("labels", 0.17408372939284805, 4.888781782075111e-20, 0.1)]
    [InlineData("many", 0.13684968608048811, 0.008160213361681367, 0.13467519716304854)]
    public void Distance_between_category_counts_and_its_threshold_for_the_sample_sizes_match_scipy(
        string table, double expected, double pValue, double threshold)
    {
        var (r, c) = DriftSamples.Categories(table);
        var result = JensenShannon.Test(r, c, DriftSamples.Small);
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(pValue, result.PValue!.Value, 1e-8);
        DriftSamples.AssertRelative(threshold, result.Threshold, 1e-9);
        Assert.Equal(expected > threshold, result.Drift);
    }

    [Fact]
    public void Disjoint_distributions_are_at_distance_one()
    {
        var p = new Dictionary<string, long> { ["a"] = 5 };
        var q = new Dictionary<string, long> { ["b"] = 7 };
        DriftSamples.AssertRelative(1, JensenShannon.Test(p, q, DriftSamples.Small).Statistic, 1e-15);
    }
}
