using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Two-sample Kolmogorov–Smirnov test with the asymptotic p-value.</summary>
/// <remarks>
/// D = max_x |F_ref(x) − F_cur(x)|, taken over every distinct value of either side, which is where the step
/// CDFs change (for sketches: every bucket of either sketch, at its representative value). With
/// n_e = n·m / (n + m), p = Q_KS((√n_e + 0.12 + 0.11/√n_e) · D), Q_KS the Kolmogorov survival function and
/// the bracket Stephens' small-sample correction (M. A. Stephens, JRSS B 32(1), 1970; Numerical Recipes
/// §14.3, kstwo). Drift when p &lt; <see cref="DriftSettings.Alpha"/>. From sketches, D moves by at most the
/// mass each side has within relative distance α of the maximising x.
/// </remarks>
public static class KolmogorovSmirnov
{
    public static DriftTestResult Test(double[] reference, double[] current, DriftSettings? settings = null) =>
        Test(EmpiricalDistribution.FromSamples(reference), EmpiricalDistribution.FromSamples(current), settings);

    public static DriftTestResult Test(QuantileSketch reference, QuantileSketch current, DriftSettings? settings = null) =>
        Test(EmpiricalDistribution.FromSketch(reference), EmpiricalDistribution.FromSketch(current), settings);

    public static DriftTestResult Test(EmpiricalDistribution reference, EmpiricalDistribution current, DriftSettings? settings = null)
    {
        settings ??= DriftSettings.Default;
        const DriftTestKind kind = DriftTestKind.KolmogorovSmirnov;
        long n = reference.Count, m = current.Count;
        if (DriftTestResult.TooSmall(kind, settings.Alpha, n, m, settings) is { } skipped) return skipped;
        var d = Statistic(reference, current);
        return DriftTestResult.Hypothesis(kind, d, PValue(d, n, m), settings.Alpha, n, m);
    }

    /// <summary>D = max |F_a − F_b|.</summary>
    public static double Statistic(EmpiricalDistribution a, EmpiricalDistribution b)
    {
        double d = 0;
        foreach (var (_, fa, fb) in EmpiricalDistribution.Steps(a, b)) d = Math.Max(d, Math.Abs(fa - fb));
        return d;
    }

    /// <summary>Asymptotic p-value with Stephens' correction for sample sizes n and m.</summary>
    public static double PValue(double d, long n, long m)
    {
        var root = Math.Sqrt((double)n * m / (n + m));
        return SpecialFunctions.KolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
    }
}
