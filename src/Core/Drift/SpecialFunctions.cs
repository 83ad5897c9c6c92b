namespace StreamMl.Core.Drift;

/// <summary>Log-gamma, regularized incomplete gamma, erfc and the Kolmogorov distribution, for drift p-values.</summary>
/// <remarks>
/// <para>ln Γ uses the Lanczos approximation with g = 7 and nine coefficients (Lanczos, SIAM J. Numer. Anal.
/// B 1(1), 1964; coefficients of P. Godfrey), relative error about 1e-15 for x &gt; 0, with the reflection
/// formula below 0.5.</para>
/// <para>The regularized incomplete gamma functions follow Press, Teukolsky, Vetterling and Flannery,
/// "Numerical Recipes in C", 2nd ed., §6.2 (gammp/gammq): the series for x &lt; a + 1, the continued fraction
/// (modified Lentz) otherwise, iterated to a relative tolerance of 1e-15 instead of the book's 3e-7.</para>
/// <para>erfc(x) = Q(1/2, x²) for x ≥ 0 (Numerical Recipes §6.2, erffc), so its accuracy is that of Q,
/// far better than the 1e-7 that p-values need; erfc(−x) = 2 − erfc(x).</para>
/// </remarks>
public static class SpecialFunctions
{
    private const double Tolerance = 1e-15;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 10_000;
    /// <summary>How many chi-squared quantiles are remembered (<see cref="ChiSquaredInverseSurvival"/>).</summary>
    public const int RememberedQuantiles = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double P, double DegreesOfFreedom), double> ChiSquaredQuantiles = new();

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln |Γ(x)|.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a &gt; 0, x ≥ 0.</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        Check(a, x);
        if (x == 0) return 0;
        return x < a + 1 ? Series(a, x) : 1 - ContinuedFraction(a, x);
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), for a &gt; 0, x ≥ 0.</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        Check(a, x);
        if (x == 0) return 1;
        return x < a + 1 ? 1 - Series(a, x) : ContinuedFraction(a, x);
    }

    /// <summary>Survival function of the chi-squared distribution: P(X &gt; x) = Q(k/2, x/2).</summary>
    public static double ChiSquaredSurvival(double x, double degreesOfFreedom) =>
        x <= 0 ? 1 : RegularizedGammaQ(degreesOfFreedom / 2, x / 2);

    /// <summary>
    /// Inverse of <see cref="ChiSquaredSurvival"/>: the x with P(X &gt; x) = <paramref name="p"/> for k degrees of freedom
    /// (SciPy's <c>chi2.isf</c>). Newton's method on Q(k/2, x/2) − p, whose derivative is minus the density
    /// x^(k/2 − 1) e^(−x/2) / (2^(k/2) Γ(k/2)), kept inside a bracket that bisection shrinks whenever a step leaves it.
    /// </summary>
    /// <remarks>
    /// The same quantiles are asked for again and again (a drift test's threshold at every window close, at one level and
    /// one number of cells), and each costs dozens of continued fractions: the first <see cref="RememberedQuantiles"/>
    /// are remembered.
    /// </remarks>
    public static double ChiSquaredInverseSurvival(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), "Must be in (0, 1).");
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), "Must be positive.");
        if (ChiSquaredQuantiles.TryGetValue((p, degreesOfFreedom), out var known)) return known;
        var quantile = SolveChiSquaredInverseSurvival(p, degreesOfFreedom);
        if (ChiSquaredQuantiles.Count < RememberedQuantiles) ChiSquaredQuantiles.TryAdd((p, degreesOfFreedom), quantile);
        return quantile;
    }

    private static double SolveChiSquaredInverseSurvival(double p, double degreesOfFreedom)
    {
        double lo = 0, hi = degreesOfFreedom + 10;
        while (ChiSquaredSurvival(hi, degreesOfFreedom) > p) hi *= 2;
        var half = degreesOfFreedom / 2;
        var logNorm = half * Math.Log(2) + LogGamma(half);
        var x = (lo + hi) / 2;
        for (var i = 0; i < 200; i++)
        {
            var f = ChiSquaredSurvival(x, degreesOfFreedom) - p;
            if (f == 0) return x;
            if (f > 0) lo = x;
            else hi = x;
            var density = Math.Exp((half - 1) * Math.Log(x) - x / 2 - logNorm);
            var next = x + f / density;
            if (!(density > 0 && next > lo && next < hi)) next = (lo + hi) / 2;
            if (Math.Abs(next - x) <= 1e-14 * x) return next;
            x = next;
        }
        return x;
    }

    /// <summary>Survival function of the standard normal distribution: P(Z &gt; z) = erfc(z / √2) / 2.</summary>
    public static double NormalSurvival(double z) => Erfc(z / Math.Sqrt(2)) / 2;

    /// <summary>Complementary error function erfc(x) = 1 − erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var q = x == 0 ? 1 : RegularizedGammaQ(0.5, x * x);
        return x >= 0 ? q : 2 - q;
    }

    /// <summary>Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z| / √2).</summary>
    public static double NormalTwoSided(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Survival function of the Kolmogorov distribution, Q_KS(λ) = P(K &gt; λ).</summary>
    /// <remarks>
    /// Q_KS(λ) = 2 Σ_{j≥1} (−1)^(j−1) exp(−2 j² λ²) for λ ≥ 1.18 (Numerical Recipes §14.3, probks);
    /// below, where that series converges slowly, the equivalent theta-function form
    /// 1 − (√(2π) / λ) Σ_{j≥1} exp(−(2j − 1)² π² / (8 λ²)) (Marsaglia, Tsang and Wang, J. Stat. Softw. 8(18), 2003).
    /// </remarks>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda)) return double.NaN;
        if (lambda <= 0) return 1;
        double sum = 0;
        if (lambda < 1.18)
        {
            var factor = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (var j = 1; j <= 100; j++)
            {
                var term = Math.Exp((2 * j - 1) * (2 * j - 1) * factor);
                sum += term;
                if (term <= Tolerance * sum) break;
            }
            return Math.Max(0, 1 - Math.Sqrt(2 * Math.PI) / lambda * sum);
        }

        var sign = 1.0;
        for (var j = 1; j <= 100; j++)
        {
            var term = Math.Exp(-2 * j * j * lambda * lambda);
            sum += sign * term;
            if (term <= Tolerance * Math.Abs(sum)) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    private static void Check(double a, double x)
    {
        if (!(a > 0)) throw new ArgumentOutOfRangeException(nameof(a), "Must be positive.");
        if (!(x >= 0)) throw new ArgumentOutOfRangeException(nameof(x), "Must be non-negative.");
    }

    // P(a, x) by its series, converging quickly for x < a + 1.
    private static double Series(double a, double x)
    {
        var ap = a;
        var term = 1 / a;
        var sum = term;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Tolerance) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // Q(a, x) by its continued fraction (modified Lentz), converging quickly for x ≥ a + 1.
    private static double ContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Tolerance) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }
}
