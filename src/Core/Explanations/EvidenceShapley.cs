using StreamMl.Core.Learning;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Explanations;

/// <summary>Shapley values of a naive-Bayes probability over its pieces of evidence: how a Hoeffding-tree leaf's answer is shared out.</summary>
/// <remarks>
/// <para>
/// A leaf that predicts by naive Bayes answers p(x) = σ(L₀ + Σᵢ λᵢ), L₀ the log prior odds of its class weights and
/// λᵢ the log-likelihood ratio of feature i's value. A missing value adds no evidence, so "feature i unknown" has
/// a natural meaning: λᵢ left out. The game g(S) = σ(L₀ + Σ_{i∈S} λᵢ) runs from the leaf's class share σ(L₀) at
/// S = ∅ to p(x) with every feature known; its Shapley values add up to p(x) − σ(L₀). In log-odds the game would be
/// additive and each value simply λᵢ; the sigmoid couples them, and the Shapley value is the fair split.
/// </para>
/// <para>
/// Exact for up to <see cref="MaxExact"/> pieces of evidence (features with λᵢ = 0 are null players and left out):
/// g is evaluated on all 2^k subsets once, O(k·2^k). Beyond that, the mean marginal contribution over
/// <see cref="SampledOrders"/> seeded random orders and their reverses (antithetic pairs) estimates it. Each order's
/// marginal contributions telescope to g(all) − g(∅), so the estimate still adds up exactly; only the split is
/// approximate, and the explanation says so (<see cref="Explanation.Exact"/> false). The seed is fixed: the same
/// event and model give the same explanation.
/// </para>
/// </remarks>
internal static class EvidenceShapley
{
    public const int MaxExact = 12;
    public const int SampledOrders = 256;
    private const long Seed = 0x5EED;

    /// <summary>Adds scale × each piece of evidence's Shapley value to phi[players[i]]; false when it had to sample.</summary>
    public static bool Add(double priorLogOdds, ReadOnlySpan<double> evidence, ReadOnlySpan<int> players, double scale, Span<double> phi)
    {
        var k = 0;
        Span<int> active = evidence.Length <= 128 ? stackalloc int[evidence.Length] : new int[evidence.Length];
        for (var i = 0; i < evidence.Length; i++)
            if (evidence[i] != 0) active[k++] = i;
        if (k == 0) return true;
        active = active[..k];
        if (k <= MaxExact)
        {
            Exact(priorLogOdds, evidence, active, players, scale, phi);
            return true;
        }
        Sampled(priorLogOdds, evidence, active, players, scale, phi);
        return false;
    }

    private static void Exact(double prior, ReadOnlySpan<double> evidence, ReadOnlySpan<int> active, ReadOnlySpan<int> players, double scale, Span<double> phi)
    {
        var k = active.Length;
        var subsets = 1 << k;
        var g = new double[subsets];
        var sums = new double[subsets];
        g[0] = Sigmoid(prior);
        for (var mask = 1; mask < subsets; mask++)
        {
            var low = System.Numerics.BitOperations.TrailingZeroCount(mask);
            sums[mask] = sums[mask & (mask - 1)] + evidence[active[low]];
            g[mask] = Sigmoid(prior + sums[mask]);
        }
        // |S|! (k − |S| − 1)! / k! for each size |S| of a subset without the player.
        Span<double> weight = stackalloc double[k];
        for (var s = 0; s < k; s++) weight[s] = 1 / (k * Binomial(k - 1, s));
        for (var a = 0; a < k; a++)
        {
            var bit = 1 << a;
            double value = 0;
            for (var mask = 0; mask < subsets; mask++)
                if ((mask & bit) == 0)
                    value += weight[System.Numerics.BitOperations.PopCount((uint)mask)] * (g[mask | bit] - g[mask]);
            phi[players[active[a]]] += scale * value;
        }
    }

    private static void Sampled(double prior, ReadOnlySpan<double> evidence, ReadOnlySpan<int> active, ReadOnlySpan<int> players, double scale, Span<double> phi)
    {
        var k = active.Length;
        var random = new SeededRandom(Seed);
        var order = new int[k];
        var sums = new double[k];
        for (var i = 0; i < k; i++) order[i] = i;
        for (var round = 0; round < SampledOrders; round++)
        {
            for (var i = k - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            Walk(prior, evidence, active, order, sums, reverse: false);
            Walk(prior, evidence, active, order, sums, reverse: true);
        }
        for (var a = 0; a < k; a++) phi[players[active[a]]] += scale * sums[a] / (2 * SampledOrders);
    }

    private static void Walk(double prior, ReadOnlySpan<double> evidence, ReadOnlySpan<int> active, int[] order, double[] sums, bool reverse)
    {
        var logit = prior;
        var before = Sigmoid(logit);
        for (var step = 0; step < order.Length; step++)
        {
            var a = order[reverse ? order.Length - 1 - step : step];
            logit += evidence[active[a]];
            var after = Sigmoid(logit);
            sums[a] += after - before;
            before = after;
        }
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));
}
