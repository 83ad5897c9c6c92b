namespace StreamMl.Core.Drift;

/// <summary>Outcome of one two-sample drift test between a reference profile and a current window.</summary>
/// <remarks>
/// For hypothesis tests (chi-squared, Kolmogorov–Smirnov, two-proportion z) <see cref="Threshold"/> is the
/// significance level and drift means <see cref="PValue"/> &lt; it. For distances (PSI, Wasserstein, Jensen–Shannon,
/// L∞) <see cref="PValue"/> is the distance's p-value under its <see cref="Null"/> (the distribution it has between two
/// samples of one distribution at these sizes), <see cref="Threshold"/> is the larger of the configured
/// <see cref="Floor"/> and the distance that null gives for the level, and drift means <see cref="Statistic"/> &gt;
/// <see cref="Threshold"/>: the change is both unlikely by chance and as large as the floor asks. A test with fewer than
/// the minimum sample size on either side is skipped: <see cref="Statistic"/> is NaN, <see cref="Drift"/> is false and
/// <see cref="SkipReason"/> says why.
/// </remarks>
public sealed record DriftTestResult(
    string Test,
    double Statistic,
    double? PValue,
    double Threshold,
    bool Drift,
    long ReferenceCount,
    long CurrentCount,
    string? SkipReason = null)
{
    public bool Skipped => SkipReason is not null;

    /// <summary>A distance's null distribution at the compared sizes; null for hypothesis tests and skipped results.</summary>
    public IDistanceNull? Null { get; init; }

    /// <summary>A distance's configured threshold, the least change that counts whatever the sizes; null for hypothesis tests.</summary>
    public double? Floor { get; init; }

    /// <summary>
    /// The result held to significance level <paramref name="level"/> (a share of a family's level, say): a hypothesis
    /// test drifts when its p-value is below it; a distance when it exceeds both its floor and its null's threshold for it.
    /// </summary>
    public DriftTestResult AtLevel(double level)
    {
        if (Skipped) return this;
        if (Null is { } distribution)
        {
            var threshold = Math.Max(Floor ?? 0, distribution.Threshold(level));
            return this with { Threshold = threshold, Drift = Statistic > threshold };
        }
        return PValue is { } p ? this with { Threshold = level, Drift = p < level } : this;
    }

    internal static DriftTestResult Skip(DriftTestKind test, double threshold, long n, long m, string reason) =>
        new(test.ToString(), double.NaN, null, threshold, false, n, m, reason);

    /// <summary>A skipped result when either side has fewer than the minimum sample size, else null.</summary>
    internal static DriftTestResult? TooSmall(DriftTestKind test, double threshold, long n, long m, DriftSettings settings) =>
        Math.Min(n, m) < settings.MinimumSampleSize
            ? Skip(test, threshold, n, m, $"fewer than {settings.MinimumSampleSize} values (reference {n}, current {m})")
            : null;

    /// <summary>A distance held to its floor and to its null's threshold at the settings' alpha.</summary>
    internal static DriftTestResult Distance(DriftTestKind test, double statistic, double floor, IDistanceNull distribution, DriftSettings settings, long n, long m) =>
        new DriftTestResult(test.ToString(), statistic, distribution.PValue(statistic), floor, false, n, m) { Null = distribution, Floor = floor }
            .AtLevel(settings.Alpha);

    internal static DriftTestResult Hypothesis(DriftTestKind test, double statistic, double pValue, double alpha, long n, long m) =>
        new(test.ToString(), statistic, pValue, alpha, pValue < alpha, n, m);
}
