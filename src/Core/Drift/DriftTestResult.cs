namespace StreamMl.Core.Drift;

/// <summary>Outcome of one two-sample drift test between a reference profile and a current window.</summary>
/// <remarks>
/// For hypothesis tests (chi-squared, Kolmogorov–Smirnov, two-proportion z) <see cref="Threshold"/> is the
/// significance level α and drift means <see cref="PValue"/> &lt; α. For distances (PSI, Wasserstein,
/// Jensen–Shannon, L∞) <see cref="PValue"/> is null and drift means <see cref="Statistic"/> &gt; threshold.
/// A test with fewer than the minimum sample size on either side is skipped: <see cref="Statistic"/> is NaN,
/// <see cref="Drift"/> is false and <see cref="SkipReason"/> says why.
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

    internal static DriftTestResult Skip(DriftTestKind test, double threshold, long n, long m, string reason) =>
        new(test.ToString(), double.NaN, null, threshold, false, n, m, reason);

    /// <summary>A skipped result when either side has fewer than the minimum sample size, else null.</summary>
    internal static DriftTestResult? TooSmall(DriftTestKind test, double threshold, long n, long m, DriftSettings settings) =>
        Math.Min(n, m) < settings.MinimumSampleSize
            ? Skip(test, threshold, n, m, $"fewer than {settings.MinimumSampleSize} values (reference {n}, current {m})")
            : null;

    internal static DriftTestResult Distance(DriftTestKind test, double statistic, double threshold, long n, long m) =>
        new(test.ToString(), statistic, null, threshold, statistic > threshold, n, m);

    internal static DriftTestResult Hypothesis(DriftTestKind test, double statistic, double pValue, double alpha, long n, long m) =>
        new(test.ToString(), statistic, pValue, alpha, pValue < alpha, n, m);
}
