using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Pooled two-proportion z-test on the share of positive predictions.</summary>
/// <remarks>
/// With shares p_r = x_r / n, p_c = x_c / m and pooled p = (x_r + x_c) / (n + m),
/// z = (p_c − p_r) / √(p(1 − p)(1/n + 1/m)) and the two-sided p-value is erfc(|z| / √2)
/// (<see cref="SpecialFunctions.Erfc"/>). z² equals the 2×2 chi-squared statistic without correction.
/// Agresti, "Categorical Data Analysis", 3rd ed., §2.1. If p is 0 or 1, z = 0 and the p-value is 1.
/// Drift when p &lt; <see cref="DriftSettings.Alpha"/>.
/// </remarks>
public static class TwoProportionZ
{
    public static DriftTestResult Test(
        long referencePositives, long referenceCount, long currentPositives, long currentCount, DriftSettings? settings = null)
    {
        settings ??= DriftSettings.Default;
        const DriftTestKind kind = DriftTestKind.TwoProportionZ;
        if (referencePositives < 0 || referencePositives > referenceCount || currentPositives < 0 || currentPositives > currentCount)
            throw new ArgumentException("Positives must lie between 0 and the count.");
        long n = referenceCount, m = currentCount;
        if (DriftTestResult.TooSmall(kind, settings.Alpha, n, m, settings) is { } skipped) return skipped;
        var pooled = (double)(referencePositives + currentPositives) / (n + m);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
        var z = se > 0 ? ((double)currentPositives / m - (double)referencePositives / n) / se : 0;
        return DriftTestResult.Hypothesis(kind, z, SpecialFunctions.NormalTwoSided(z), settings.Alpha, n, m);
    }

    /// <summary>On score distributions: positives among the scored predictions (the sketch's count).</summary>
    public static DriftTestResult Test(ScoreDistribution reference, ScoreDistribution current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        // A NaN score still counts its prediction as positive, so the count is at least the positives.
        return Test(reference.Positives, Math.Max(reference.Sketch.Count, reference.Positives),
            current.Positives, Math.Max(current.Sketch.Count, current.Positives), settings);
    }
}
