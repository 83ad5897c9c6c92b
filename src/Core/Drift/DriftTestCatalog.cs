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

    /// <summary>Whether a test can run on a feature of the given kind.</summary>
    public static bool Applies(DriftTestKind test, FeatureKind kind) =>
        test == DriftTestKind.JensenShannon || For(kind).Contains(test);
}
