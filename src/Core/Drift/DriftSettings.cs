using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Thresholds, minimum sample sizes and per-feature test choice for drift detection.</summary>
/// <remarks>
/// <para>Every test of a window has a stated false-alarm probability. A hypothesis test's comes from its p-value. A
/// distance is held to the larger of its configured threshold (the floor: the least change that matters) and the
/// threshold its null distribution gives at the compared sizes (<see cref="IDistanceNull"/>), so that an unchanged
/// distribution crosses it with probability at most about the level whatever the window and reference sizes. The
/// floors follow common practice: PSI &gt; 0.2 is the usual "significant shift" rule of credit scoring (Siddiqi,
/// "Credit Risk Scorecards", Wiley 2006). Alone they do not scale: between two samples of one distribution PSI over B
/// bins is about (B − 1)(1/n + 1/m), 0.004 at n = m = 5,000 but 0.18 at n = m = 100, and a Wasserstein distance of
/// 0.1 standard deviations is crossed by chance in about 3% of pairs of windows of 1,000 events.</para>
/// <para>The nulls are asymptotic, and too light-tailed in small samples (PSI's true tail is 16 times its nominal
/// level at 100 values a side), so a distance is only tested from <see cref="DistanceMinimumSampleSize"/> values a side;
/// below, the feature is judged by the matching hypothesis test (<see cref="DriftTestCatalog.Matching"/>).</para>
/// </remarks>
public sealed record DriftSettings
{
    public static DriftSettings Default { get; } = new();

    /// <summary>Tests are skipped when either side has fewer values. Default 100.</summary>
    public int MinimumSampleSize { get; init; } = 100;

    /// <summary>
    /// Distances are tested only when both sides have at least this many values; below, the feature gets the
    /// matching hypothesis test instead. Default 1,000 (Evidently's switch between tests and distances).
    /// </summary>
    public int DistanceMinimumSampleSize { get; init; } = 1_000;

    /// <summary>Significance level of each test alone, and the family-wise level of a window's tests (see <see cref="ProfileComparison"/>). Default 0.01.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>PSI at or below this is never drift. Default 0.2.</summary>
    public double PsiThreshold { get; init; } = 0.2;

    /// <summary>Equal-mass bins taken from the reference's quantiles, for PSI and numeric Jensen–Shannon. Default 10.</summary>
    public int Bins { get; init; } = 10;

    /// <summary>Additive smoothing of bin proportions before PSI's logarithm, so empty bins stay finite. Default 1e-4.</summary>
    public double PsiEpsilon { get; init; } = 1e-4;

    /// <summary>Jensen–Shannon distance (base 2, in [0, 1]) at or below this is never drift. Default 0.1.</summary>
    /// <remarks>
    /// 0.1 as a distance is a divergence of 0.01 bits; for small changes PSI ≈ 8·JSD in nats, so this is a PSI of
    /// about 0.055, a moderate but visible shift (a half-σ mean shift gives about 0.2).
    /// </remarks>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Wasserstein-1 distance, in reference standard deviations, at or below this is never drift. Default 0.1.</summary>
    /// <remarks>For a pure location shift W1 equals the shift, so 0.1 is a mean moving by a tenth of a standard deviation.</remarks>
    public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>Largest change of one category's share (L∞ distance) at or below this is never drift. Default 0.1 (ten percentage points).</summary>
    public double LInfinityThreshold { get; init; } = 0.1;

    /// <summary>Tests per feature name, overriding <see cref="DriftTestCatalog.For"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DriftTestKind>> FeatureTests { get; init; } =
        new Dictionary<string, IReadOnlyList<DriftTestKind>>(StringComparer.Ordinal);

    /// <summary>The tests to run on a feature: its override if any, else the catalogue's choice for its kind.</summary>
    public IReadOnlyList<DriftTestKind> TestsFor(string feature, FeatureKind kind) =>
        FeatureTests.TryGetValue(feature, out var tests) ? tests : DriftTestCatalog.For(kind);

    /// <summary>The configured threshold of a test: a distance's floor, a hypothesis test's alpha.</summary>
    public double ThresholdOf(DriftTestKind test) => test switch
    {
        DriftTestKind.PopulationStabilityIndex => PsiThreshold,
        DriftTestKind.Wasserstein => WassersteinThreshold,
        DriftTestKind.JensenShannon => JensenShannonThreshold,
        DriftTestKind.LInfinity => LInfinityThreshold,
        _ => Alpha,
    };
}
