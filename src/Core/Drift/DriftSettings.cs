using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Thresholds, minimum sample size and per-feature test choice for drift detection.</summary>
/// <remarks>
/// The distance thresholds follow common practice: PSI &gt; 0.2 is the usual "significant shift" rule of
/// credit scoring (Siddiqi, "Credit Risk Scorecards", Wiley 2006; Yurdakul and Naranjo, "Statistical
/// properties of the population stability index", J. Risk Model Validation 14(4), 2020). Distances are
/// biased upwards by sampling noise, so they suit windows of thousands of events (the default window is
/// 5,000): for two samples of one distribution, PSI over B bins is about (B − 1)(1/n + 1/m), 0.004 at
/// n = m = 5,000 but 0.18 at n = m = 100.
/// </remarks>
public sealed record DriftSettings
{
    public static DriftSettings Default { get; } = new();

    /// <summary>Tests are skipped when either side has fewer values. Default 100.</summary>
    public int MinimumSampleSize { get; init; } = 100;

    /// <summary>Significance level of the hypothesis tests (chi-squared, KS, two-proportion z). Default 0.01.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>PSI above this is drift. Default 0.2.</summary>
    public double PsiThreshold { get; init; } = 0.2;

    /// <summary>Equal-mass bins taken from the reference's quantiles, for PSI and numeric Jensen–Shannon. Default 10.</summary>
    public int Bins { get; init; } = 10;

    /// <summary>Additive smoothing of bin proportions before PSI's logarithm, so empty bins stay finite. Default 1e-4.</summary>
    public double PsiEpsilon { get; init; } = 1e-4;

    /// <summary>Jensen–Shannon distance (base 2, in [0, 1]) above this is drift. Default 0.1.</summary>
    /// <remarks>
    /// 0.1 as a distance is a divergence of 0.01 bits; for small changes PSI ≈ 8·JSD in nats, so this is a PSI of
    /// about 0.055, a moderate but visible shift (a half-σ mean shift gives about 0.2).
    /// </remarks>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Wasserstein-1 distance, in reference standard deviations, above this is drift. Default 0.1.</summary>
    /// <remarks>
    /// For a pure location shift W1 equals the shift, so 0.1 flags a mean moving by a tenth of a standard
    /// deviation. Between two samples of one normal distribution W1 shrinks like σ/√n; at n = m = 5,000 it
    /// measures about 0.025σ, well below the threshold.
    /// </remarks>
    public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>Largest change of one category's share (L∞ distance) above this is drift. Default 0.1 (ten percentage points).</summary>
    public double LInfinityThreshold { get; init; } = 0.1;

    /// <summary>Tests per feature name, overriding <see cref="DriftTestCatalog.For"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DriftTestKind>> FeatureTests { get; init; } =
        new Dictionary<string, IReadOnlyList<DriftTestKind>>(StringComparer.Ordinal);

    /// <summary>The tests to run on a feature: its override if any, else the catalogue's choice for its kind.</summary>
    public IReadOnlyList<DriftTestKind> TestsFor(string feature, FeatureKind kind) =>
        FeatureTests.TryGetValue(feature, out var tests) ? tests : DriftTestCatalog.For(kind);

    /// <summary>The threshold a test's result is compared with.</summary>
    public double ThresholdOf(DriftTestKind test) => test switch
    {
        DriftTestKind.PopulationStabilityIndex => PsiThreshold,
        DriftTestKind.Wasserstein => WassersteinThreshold,
        DriftTestKind.JensenShannon => JensenShannonThreshold,
        DriftTestKind.LInfinity => LInfinityThreshold,
        _ => Alpha,
    };
}
