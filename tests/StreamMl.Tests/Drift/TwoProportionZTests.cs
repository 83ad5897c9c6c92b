using Xunit;
using StreamMl.Core.Drift;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Drift;

// Expected values: /usr/bin/python3 scipy_reference.py (SciPy 1.10.1): pooled z by hand,
// p = 2·scipy.stats.norm.sf(|z|), cross-checked with scipy.stats.chi2_contingency([[x1, n1−x1], [x2, n2−x2]], correction=False)
//   small  120/1000 → 150/1000  z=1.963049807622355   p=0.04964038686536878  (chi2 p=0.049640386865368834)
//   uneven  45/300  →  30/400   z=-3.1749015732775088 p=0.001498873337151676 (chi2 p=0.0014988733371516813)
//   large  500/1000 → 700/1000  z=9.128709291752767   p=6.932079668133825e-20 (chi2 p=6.932079668133659e-20)
public class TwoProportionZTests
{
    [Theory]
    [InlineData(120, 1000, 150, 1000, 1.963049807622355, 0.04964038686536878, false)]
    [InlineData(45, 300, 30, 400, -3.1749015732775088, 0.001498873337151676, true)]
    [InlineData(500, 1000, 700, 1000, 9.128709291752767, 6.932079668133825e-20, true)]
    public void Z_and_two_sided_p_value_match_scipy(long x1, long n1, long x2, long n2, double z, double p, bool drift)
    {
        var result = TwoProportionZ.Test(x1, n1, x2, n2);

        DriftSamples.AssertRelative(z, result.Statistic, 1e-12);
        DriftSamples.AssertRelative(p, result.PValue!.Value, 1e-9);
        Assert.Equal(drift, result.Drift);
    }

    [Fact]
    public void Score_distributions_are_tested_on_their_positive_share()
    {
        var reference = new ScoreDistribution();
        var current = new ScoreDistribution();
        for (var i = 0; i < 1000; i++)
        {
            reference.Add(i / 1000.0, positive: i < 120);
            current.Add(i / 1000.0, positive: i < 150);
        }

        var result = TwoProportionZ.Test(reference, current);

        DriftSamples.AssertRelative(1.963049807622355, result.Statistic, 1e-12);
        Assert.Equal(1000, result.CurrentCount);
    }
}
