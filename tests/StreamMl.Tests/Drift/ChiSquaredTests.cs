using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1):
//   scipy.stats.chi2_contingency([r, c], correction=False) on the 2×k table with all-zero columns removed
//     three  chi2=5.656565656565656  p=0.05911427592751336  dof=2
//     empty  chi2=9.278130165289255  p=0.02581267963267381  dof=3  ("b" zero on both sides is dropped;
//            "c" is zero only now and "e" only in the reference, so they stay)
//     labels chi2=83.33333333333334  p=6.932079668133659e-20 dof=1  (500/500 → 700/300)
//     many   chi2=15.15595308698757  p=0.00971635048266359  dof=5
public class ChiSquaredTests
{
    [Theory]
    [InlineData("three", 5.656565656565656, 0.05911427592751336, false)]
    [InlineData("empty", 9.278130165289255, 0.02581267963267381, false)]
    [InlineData("labels", 83.33333333333334, 6.932079668133659e-20, true)]
    [InlineData("many", 15.15595308698757, 0.00971635048266359, true)]
    public void Statistic_and_p_value_match_scipy_chi2_contingency(string table, double chi2, double p, bool drift)
    {
        var (r, c) = DriftSamples.Categories(table);

        var result = ChiSquared.Test(r, c, DriftSamples.Small);

        DriftSamples.AssertRelative(chi2, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(p, result.PValue!.Value, 1e-9);
        Assert.Equal(drift, result.Drift);
        Assert.Equal(r.Values.Sum(), result.ReferenceCount);
    }

    [Fact]
    public void A_single_shared_category_has_no_evidence_of_drift()
    {
        var r = new Dictionary<string, long> { ["a"] = 10, ["b"] = 0 };
        var c = new Dictionary<string, long> { ["a"] = 30 };
        var result = ChiSquared.Test(r, c, DriftSamples.Small);
        Assert.Equal(0, result.Statistic);
        Assert.Equal(1, result.PValue);
    }
}
