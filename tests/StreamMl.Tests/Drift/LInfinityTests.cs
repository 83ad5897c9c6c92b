using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (NumPy 1.24.2): numpy.max(numpy.abs(r/r.sum() − c/c.sum()))
//   three 0.14999999999999997, empty 0.22727272727272727, labels 0.2, many 0.06666666666666671
// The union bound min(1, Σ 2·norm.sf(t / s_i)), s_i = √(π_i(1 − π_i)(1/n + 1/m)) (one term for two categories), and the
// threshold max(0.1, brentq(bound − 0.01)), lines "linf p=… threshold=…"
public class LInfinityTests
{
    [Theory]
    [InlineData("three", 0.14999999999999997, 0.06806398018197805, 0.19415915250594792)]
    [InlineData("empty", 0.22727272727272727, 0.23707923277555992, 0.3999663920625203)]
    [InlineData("labels", 0.2, 6.932079668133675e-20, 0.1)]
    [InlineData("many", 0.06666666666666671, 0.18705842820760982, 0.10770487720980837)]
    public void Largest_share_change_and_its_threshold_for_the_sample_sizes_match_scipy(string table, double expected, double pValue, double threshold)
    {
        var (r, c) = DriftSamples.Categories(table);
        var result = LInfinity.Test(r, c, DriftSamples.Small);
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(pValue, result.PValue!.Value, 1e-8);
        DriftSamples.AssertRelative(threshold, result.Threshold, 1e-9);
        Assert.Equal(expected > threshold, result.Drift);
    }

    [Fact]
    public void With_two_categories_the_bound_is_the_two_proportion_z_test()
    {
        // 500/500 against 700/300: the same p-value as chi2_contingency (6.932079668133659e-20).
        var result = LInfinity.Test(new Dictionary<string, long> { ["0"] = 500, ["1"] = 500 }, new Dictionary<string, long> { ["0"] = 700, ["1"] = 300 });
        DriftSamples.AssertRelative(6.932079668133659e-20, result.PValue!.Value, 1e-6);
    }
}
