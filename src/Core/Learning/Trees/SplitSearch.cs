using StreamMl.Core.Learning.Bayes;

namespace StreamMl.Core.Learning.Trees;

/// <summary>A binary split of a leaf and the class weights it would send each way.</summary>
/// <param name="Merit">Information gain in bits; −∞ when no split was found.</param>
/// <param name="Attribute">Index into the numeric input, or into the category codes when <paramref name="Categorical"/>.</param>
/// <param name="Threshold">Numeric split: x ≤ threshold goes left.</param>
/// <param name="Category">Categorical split: this value code goes left, every other value right.</param>
internal readonly record struct SplitCandidate(
    double Merit, int Attribute, bool Categorical, double Threshold, int Category,
    double Left0, double Left1, double Right0, double Right1)
{
    public static SplitCandidate None => new(double.NegativeInfinity, -1, false, 0, -1, 0, 0, 0, 0);
}

/// <summary>The best binary split of each attribute of a leaf's statistics, by information gain.</summary>
/// <remarks>
/// Numeric attributes follow the Gaussian estimator of MOA and River: the candidate thresholds split the
/// range between the smallest and largest value seen into <c>SplitPoints + 1</c> equal parts, and the
/// weight of class c below a threshold v is w_c·Φ((v − μ_c)/σ_c), all of it above the class's maximum and
/// none below its minimum. Categorical attributes try each value against all others, so a value never
/// seen at the split still has a branch. Gain = H(class) − Σ_b (w_b / w) H(class | b), entropies in bits;
/// a split with less than <see cref="TreeSettings.MinBranchFraction"/> of the weight on one side is not a candidate.
/// </remarks>
internal static class SplitSearch
{
    /// <summary>The best split and the merit of the best split on any other attribute (−∞ when there is none).</summary>
    public static (SplitCandidate Best, double Second) Evaluate(ClassStatistics stats, int splitPoints)
    {
        var best = SplitCandidate.None;
        var second = double.NegativeInfinity;
        var prior = Entropy(stats.Weight0, stats.Weight1);
        for (var j = 0; j < stats.NumericAttributes.Length; j++)
            Keep(ref best, ref second, Numeric(stats, j, prior, splitPoints));
        for (var j = 0; j < stats.CategoricalAttributes.Length; j++)
            Keep(ref best, ref second, Categorical(stats, j, prior));
        return (best, second);
    }

    private static void Keep(ref SplitCandidate best, ref double second, SplitCandidate candidate)
    {
        if (candidate.Merit > best.Merit)
        {
            second = best.Merit;
            best = candidate;
        }
        else if (candidate.Merit > second)
        {
            second = candidate.Merit;
        }
    }

    private static SplitCandidate Numeric(ClassStatistics stats, int j, double prior, int splitPoints)
    {
        var g = stats.Gaussians.AsSpan(j * ClassStatistics.PerAttribute, ClassStatistics.PerAttribute);
        var c0 = g[..ClassStatistics.PerClass];
        var c1 = g[ClassStatistics.PerClass..];
        double min = Math.Min(c0[3], c1[3]), max = Math.Max(c0[4], c1[4]);
        if (!(min < max)) return SplitCandidate.None;
        double sd0 = Math.Sqrt(ClassStatistics.Variance(c0)), sd1 = Math.Sqrt(ClassStatistics.Variance(c1));
        var best = SplitCandidate.None;
        var step = (max - min) / (splitPoints + 1);
        for (var i = 1; i <= splitPoints; i++)
        {
            var v = min + step * i;
            if (!(v > min && v < max)) continue;
            var l0 = Below(c0, sd0, v);
            var l1 = Below(c1, sd1, v);
            var merit = Gain(prior, l0, l1, c0[0] - l0, c1[0] - l1);
            if (merit > best.Merit)
                best = new SplitCandidate(merit, stats.NumericAttributes[j], false, v, -1, l0, l1, c0[0] - l0, c1[0] - l1);
        }
        return best;
    }

    private static double Below(ReadOnlySpan<double> c, double sd, double v)
    {
        if (c[0] <= 0 || v < c[3]) return 0;
        if (v >= c[4]) return c[0];
        return c[0] * NormalDistribution.Cdf(v, c[1], sd);
    }

    private static SplitCandidate Categorical(ClassStatistics stats, int j, double prior)
    {
        var counts = stats.Counts[j];
        var best = SplitCandidate.None;
        for (var at = 2; at < counts.Length; at += 2)
        {
            double l0 = counts[at], l1 = counts[at + 1];
            if (l0 + l1 <= 0) continue;
            double r0 = Math.Max(0, counts[0] - l0), r1 = Math.Max(0, counts[1] - l1);
            var merit = Gain(prior, l0, l1, r0, r1);
            if (merit > best.Merit)
                best = new SplitCandidate(merit, stats.CategoricalAttributes[j], true, 0, (at - 2) / 2, l0, l1, r0, r1);
        }
        return best;
    }

    private static double Gain(double prior, double l0, double l1, double r0, double r1)
    {
        double left = l0 + l1, right = r0 + r1, total = left + right;
        if (!(total > 0)) return double.NegativeInfinity;
        if (left / total <= TreeSettings.MinBranchFraction || right / total <= TreeSettings.MinBranchFraction) return double.NegativeInfinity;
        return prior - (left * Entropy(l0, l1) + right * Entropy(r0, r1)) / total;
    }

    private static double Entropy(double a, double b)
    {
        var total = a + b;
        if (!(total > 0)) return 0;
        double h = 0;
        if (a > 0) h -= a / total * Math.Log2(a / total);
        if (b > 0) h -= b / total * Math.Log2(b / total);
        return h;
    }
}
