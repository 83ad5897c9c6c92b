using Xunit;
using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Tests.Detectors;

public class KolmogorovSmirnovTests
{
    /// <summary>Distribution of r·D by enumerating which r of the 2r ranks belong to the first sample.</summary>
    private static double[] EnumeratedPValues(int r)
    {
        var counts = new long[r + 1];
        long total = 0;
        for (var mask = 0; mask < 1 << (2 * r); mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != r) continue;
            int a = 0, b = 0, max = 0;
            for (var rank = 0; rank < 2 * r; rank++)
            {
                if ((mask >> rank & 1) == 1) a++; else b++;
                max = Math.Max(max, Math.Abs(a - b));
            }
            counts[max]++;
            total++;
        }
        var p = new double[r + 1];
        for (var k = 0; k <= r; k++)
            for (var j = k; j <= r; j++) p[k] += (double)counts[j] / total;
        return p;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public void Exact_p_values_match_an_enumeration_of_all_rank_orders(int r)
    {
        var exact = Kswin.ExactPValues(r);
        var enumerated = EnumeratedPValues(r);

        for (var k = 0; k <= r; k++) Assert.Equal(enumerated[k], exact[k], 1e-12);
    }

    [Fact]
    public void Asymptotic_p_value_for_30_against_30_lies_between_neighbouring_exact_ones()
    {
        // Kolmogorov's limit with Stephens' correction, λ = (√ne + 0.12 + 0.11/√ne)·D, ne = r/2:
        // Q(λ) = 2 Σ (−1)^{j−1} e^{−2 j² λ²}. D only takes the values k/r, so P(D ≥ k/r) includes the atom at k/r
        // and the continuous approximation falls between the exact tails at k/r and (k + 1)/r.
        const int r = 30;
        var exact = Kswin.ExactPValues(r);
        foreach (var k in new[] { 10, 12, 14 })
        {
            var ne = Math.Sqrt(r / 2.0);
            var lambda = (ne + 0.12 + 0.11 / ne) * k / r;
            double q = 0;
            for (var j = 1; j <= 100; j++) q += 2 * (j % 2 == 1 ? 1 : -1) * Math.Exp(-2 * j * j * lambda * lambda);
            Assert.InRange(q, exact[k + 1], exact[k]);
        }
    }

    [Fact]
    public void Step_gap_counts_ties_once()
    {
        Assert.Equal(0, Kswin.MaxStepGap([1, 2, 3], [1, 2, 3]));
        Assert.Equal(3, Kswin.MaxStepGap([1, 2, 3], [4, 5, 6]));
        Assert.Equal(1, Kswin.MaxStepGap([1, 1, 2], [1, 2, 2]));
    }
}
