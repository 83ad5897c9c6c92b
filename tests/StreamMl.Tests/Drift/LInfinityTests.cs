using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (NumPy 1.24.2): numpy.max(numpy.abs(r/r.sum() − c/c.sum()))
//   three 0.14999999999999997, empty 0.22727272727272727, labels 0.2, many 0.06666666666666671
public class LInfinityTests
{
    [Theory]
    [InlineData("three", 0.14999999999999997, true)]
    [InlineData("empty", 0.22727272727272727, true)]
    [InlineData("labels", 0.2, true)]
    [InlineData("many", 0.06666666666666671, false)]
    public void Largest_share_change_matches_numpy(string table, double expected, bool drift)
    {
        var (r, c) = DriftSamples.Categories(table);
        var result = LInfinity.Test(r, c, DriftSamples.Small);
        DriftSamples.AssertRelative(expected, result.Statistic, 1e-12);
        Assert.Equal(drift, result.Drift);
    }
}
