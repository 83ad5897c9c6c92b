using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Which drift tests apply to numeric features, categorical features, labels and predictions.</summary>
public static class DriftTestCatalog
{
    private static readonly DriftTestKind[] Numeric =
    [
        DriftTestKind.PopulationStabilityIndex, DriftTestKind.KolmogorovSmirnov,
        DriftTestKind.Wasserstein, DriftTestKind.JensenShannon,
    ];

    private static readonly DriftTestKind[] Categorical =
        [DriftTestKind.ChiSquared, DriftTestKind.JensenShannon, DriftTestKind.LInfinity];

    /// <summary>Tests run on the label balance.</summary>
    public static IReadOnlyList<DriftTestKind> Label { get; } = [DriftTestKind.ChiSquared];

    /// <summary>Tests run on the prediction distribution: positive share, then the score distribution.</summary>
    public static IReadOnlyList<DriftTestKind> Prediction { get; } =
        [DriftTestKind.TwoProportionZ, DriftTestKind.KolmogorovSmirnov];

    /// <summary>Default tests for a feature of the given kind.</summary>
    public static IReadOnlyList<DriftTestKind> For(FeatureKind kind) => kind switch
    {
        FeatureKind.Numeric => Numeric,
        FeatureKind.Categorical => Categorical,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether a test is a distance (a statistic with a floor) rather than a hypothesis test.</summary>
    public static bool IsDistance(DriftTestKind test) => test is DriftTestKind.PopulationStabilityIndex or DriftTestKind.Wasserstein
        or DriftTestKind.JensenShannon or DriftTestKind.LInfinity;

    /// <summary>The hypothesis test that judges a feature of the given kind when its distances have too few values: KS or chi-squared.</summary>
    public static DriftTestKind Matching(FeatureKind kind) => kind == FeatureKind.Numeric ? DriftTestKind.KolmogorovSmirnov : DriftTestKind.ChiSquared;

    /// <summary>Whether a test can run on a feature of the given kind.</summary>
    public static bool Applies(DriftTestKind test, FeatureKind kind) =>
        test == DriftTestKind.JensenShannon || For(kind).Contains(test);
}
