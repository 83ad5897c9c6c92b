namespace StreamMl.Core.Drift;

/// <summary>How a distance between two samples of one distribution is spread at the sizes compared: its p-value, and the threshold a level gives.</summary>
public interface IDistanceNull
{
    /// <summary>P(distance ≥ <paramref name="distance"/>) when both samples come from one distribution (asymptotic; an upper bound where the implementation says so).</summary>
    double PValue(double distance);

    /// <summary>The distance whose <see cref="PValue"/> is <paramref name="level"/>: held to it, an unchanged distribution alarms with probability at most about <paramref name="level"/>.</summary>
    double Threshold(double level);
}

/// <summary>
/// A distance d of which c·d^k / (1/n + 1/m) is asymptotically χ² with ν degrees of freedom: the population stability
/// index (k = 1, c = 1) and the Jensen–Shannon distance in bits (k = 2, c = 8 ln 2), over ν + 1 cells.
/// </summary>
/// <remarks>
/// Under the null both sides' shares p (reference, n values) and q (window, m values) lie within O(1/√n + 1/√m) of the
/// cells' common probabilities π. Expanding to second order, PSI = Σ (q − p) ln(q/p) = Σ (q − p)²/π + O(|q − p|³) and
/// JSD = ½ KL(p‖M) + ½ KL(q‖M) = ⅛ Σ (q − p)²/π + O(|q − p|³) nats, while Σ (q − p)²/π / (1/n + 1/m) is Pearson's
/// homogeneity statistic of the 2×(ν + 1) table, asymptotically χ²_ν (Agresti, "Categorical Data Analysis", §3.2).
/// For bins cut at the reference's quantiles the reference shares are fixed by construction and the bins' true
/// masses are random instead (spacings of the reference's order statistics, Dirichlet with parameters about n/B), so
/// Var(q_i − p_i) is still π_i(1 − π_i)(1/n + 1/m) to first order and the same limit holds (Yurdakul and Naranjo,
/// J. Risk Model Validation 14(4), 2020, for PSI). Monte Carlo (400,000 seeded replicates, 10 bins, level 5·10⁻⁴)
/// puts the true tail at 1.0–1.25 times the level from 1,000 values a side up, but 16 times at 100 a side, where
/// an empty bin inflates PSI: that is why distances are only tested from
/// <see cref="DriftSettings.DistanceMinimumSampleSize"/> values a side.
/// </remarks>
public sealed class ChiSquaredDistanceNull(double scale, int degreesOfFreedom, int power, double factor) : IDistanceNull
{
    /// <summary>For PSI over <paramref name="cells"/> cells with n and m values.</summary>
    public static ChiSquaredDistanceNull Psi(long n, long m, int cells) => new(1.0 / n + 1.0 / m, cells - 1, 1, 1);

    /// <summary>For the Jensen–Shannon distance (base 2) over <paramref name="cells"/> cells with n and m values.</summary>
    public static ChiSquaredDistanceNull JensenShannon(long n, long m, int cells) => new(1.0 / n + 1.0 / m, cells - 1, 2, 8 * Math.Log(2));

    public double PValue(double distance) =>
        degreesOfFreedom < 1 ? 1 : SpecialFunctions.ChiSquaredSurvival(factor * Math.Pow(distance, power) / scale, degreesOfFreedom);

    public double Threshold(double level) =>
        degreesOfFreedom < 1 ? 0 : Math.Pow(scale * SpecialFunctions.ChiSquaredInverseSurvival(level, degreesOfFreedom) / factor, 1.0 / power);
}

/// <summary>The Wasserstein-1 distance between two samples of the reference's distribution F, in units s: a bound on its tail.</summary>
/// <remarks>
/// √(nm/(n + m))·W1 converges in law to L = ∫ |B(F(x))| dx, B a Brownian bridge, whenever ∫ √(F(1 − F)) dx is
/// finite (del Barrio, Giné and Matrán, Ann. Probab. 27(2), 1999). E L = √(2/π) ∫ √(F(1 − F)) dx. L is the supremum
/// over |g| ≤ 1 of the centred Gaussian process ∫ g(x) B(F(x)) dx, whose covariance kernel F(min(x, y)) − F(x)F(y)
/// is non-negative, so its largest variance is at g ≡ 1: ∫∫ (F(min(x, y)) − F(x)F(y)) dx dy = σ², the variance of F
/// (Hoeffding's identity). The Borell–TIS inequality (Adler and Taylor, "Random Fields and Geometry", Thm 2.1.1)
/// then gives P(L &gt; E L + u) ≤ exp(−u²/(2σ²)). With r = √(1/n + 1/m), c = E L / s and v = σ / s:
/// p(w) = exp(−((w/r − c)/v)²/2) for w/r &gt; c (else 1), and the threshold for level a is r·(c + v·√(2 ln(1/a))).
/// The distribution enters only through c and v, read off the reference. A bound, so conservative: for a normal F
/// at n = m = 1,000 the 0.999 quantile of √(nm/(n + m))·W1/σ is about 3.3 (simulation) where the bound at 5·10⁻⁴ says 5.2.
/// </remarks>
public sealed class WassersteinNull(double root, double mean, double spread) : IDistanceNull
{
    /// <summary>From the reference distribution, the sizes and the unit s the statistic is expressed in.</summary>
    public static WassersteinNull Of(EmpiricalDistribution reference, long n, long m, double unit)
    {
        ArgumentNullException.ThrowIfNull(reference);
        double integral = 0, mean = 0, square = 0, total = reference.Count, previous = 0;
        var values = reference.Values;
        for (var i = 0; i < values.Count; i++)
        {
            var f = reference.Rank(values[i]) / total;
            var share = f - previous;
            previous = f;
            mean += share * values[i];
            square += share * values[i] * values[i];
            if (i + 1 < values.Count) integral += Math.Sqrt(f * (1 - f)) * (values[i + 1] - values[i]);
        }
        var sigma = Math.Sqrt(Math.Max(0, square - mean * mean));
        var r = Math.Sqrt(1.0 / n + 1.0 / m);
        return unit > 0 ? new WassersteinNull(r, Math.Sqrt(2 / Math.PI) * integral / unit, sigma / unit) : new WassersteinNull(r, 0, 0);
    }

    public double PValue(double distance)
    {
        var u = distance / root - mean;
        if (!(u > 0)) return 1;
        return spread > 0 ? Math.Exp(-u * u / (2 * spread * spread)) : 0;
    }

    public double Threshold(double level) => root * (mean + spread * Math.Sqrt(2 * Math.Log(1 / level)));
}

/// <summary>The L∞ distance between two samples' category shares: a union bound on its tail.</summary>
/// <remarks>
/// Under the null √(nm/(n + m))·(p_i − q_i) is asymptotically normal with variance π_i(1 − π_i), π_i the pooled
/// share of category i, so P(max_i |p_i − q_i| &gt; t) ≤ Σ_i P(|p_i − q_i| &gt; t) ≈ Σ_i 2Φ̄(t / s_i) with
/// s_i = √(π_i(1 − π_i)(1/n + 1/m)) (Bonferroni over the categories: conservative). With two categories both
/// differences are the same number, so one term is counted.
/// </remarks>
public sealed class LInfinityNull(double[] spreads) : IDistanceNull
{
    /// <summary>From the aligned counts of both sides.</summary>
    public static LInfinityNull Of(long[] reference, long[] current)
    {
        double n = reference.Sum(), m = current.Sum();
        var cells = reference.Length == 2 ? 1 : reference.Length;
        var spreads = new double[cells];
        for (var i = 0; i < cells; i++)
        {
            var pooled = (reference[i] + current[i]) / (n + m);
            spreads[i] = Math.Sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
        }
        return new LInfinityNull(spreads);
    }

    public double PValue(double distance)
    {
        double p = 0;
        foreach (var s in spreads)
            p += s > 0 ? 2 * SpecialFunctions.NormalSurvival(distance / s) : distance > 0 ? 0 : 1;
        return Math.Min(1, p);
    }

    public double Threshold(double level)
    {
        // Every term is at most the widest one's, so t₀ = s_max·z with 2Φ̄(z) = level / cells bounds the root from above
        // (z² is the chi-squared quantile with one degree of freedom). Newton's method on the decreasing PValue from
        // there, kept inside [0, t₀] by bisection.
        var widest = spreads.DefaultIfEmpty(0).Max();
        if (!(widest > 0)) return 0;
        double lo = 0, hi = widest * Math.Sqrt(SpecialFunctions.ChiSquaredInverseSurvival(Math.Min(level / spreads.Length, 0.5), 1));
        var t = hi;
        for (var i = 0; i < 100; i++)
        {
            var f = PValue(t) - level;
            if (f > 0) lo = t;
            else hi = t;
            double slope = 0;
            foreach (var s in spreads)
                if (s > 0) slope -= 2 * Math.Exp(-t * t / (2 * s * s)) / (s * Math.Sqrt(2 * Math.PI));
            var next = slope < 0 ? t - f / slope : (lo + hi) / 2;
            if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            if (Math.Abs(next - t) <= 1e-13 * t || hi - lo <= 1e-15) return next;
            t = next;
        }
        return t;
    }
}
