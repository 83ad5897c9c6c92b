using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Runs the configured drift tests on every feature, the label balance and the predictions of two profiles.</summary>
public static class ProfileComparison
{
    public const string LabelName = "label";
    public const string PredictionName = "prediction";

    /// <summary>
    /// Results in order: the reference's features (ordinal by name, each with its tests from
    /// <see cref="DriftSettings.TestsFor"/>), then <see cref="LabelName"/>, then <see cref="PredictionName"/>.
    /// A feature missing from the current profile, of another kind there, or given a test that does not
    /// apply to its kind gets skipped results; features only the current profile has are not compared.
    /// </summary>
    public static IReadOnlyList<FeatureDriftResult> Compare(
        StatisticsSet reference, StatisticsSet current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        settings ??= DriftSettings.Default;
        var results = new List<FeatureDriftResult>();
        foreach (var (name, mine) in reference.Features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            current.Features.TryGetValue(name, out var theirs);
            foreach (var test in settings.TestsFor(name, mine.Kind))
                results.Add(new FeatureDriftResult(name, Feature(test, mine, theirs, settings)));
        }
        foreach (var test in DriftTestCatalog.Label)
            results.Add(new FeatureDriftResult(LabelName, ChiSquared.Test(reference.Labels, current.Labels, settings)));
        foreach (var test in DriftTestCatalog.Prediction)
            results.Add(new FeatureDriftResult(PredictionName, Prediction(test, reference.Scores, current.Scores, settings)));
        return results;
    }

    private static DriftTestResult Feature(
        DriftTestKind test, FeatureStatistics reference, FeatureStatistics? current, DriftSettings settings)
    {
        var threshold = settings.ThresholdOf(test);
        if (current is null)
            return DriftTestResult.Skip(test, threshold, reference.Count, 0, "feature absent from the current profile");
        if (current.Kind != reference.Kind)
            return DriftTestResult.Skip(test, threshold, reference.Count, current.Count,
                $"feature is {reference.Kind} in the reference but {current.Kind} now");
        if (!DriftTestCatalog.Applies(test, reference.Kind))
            return DriftTestResult.Skip(test, threshold, reference.Count, current.Count, $"{test} does not apply to {reference.Kind} features");

        if (reference.Kind == FeatureKind.Numeric)
        {
            QuantileSketch r = reference.Sketch!, c = current.Sketch!;
            return test switch
            {
                DriftTestKind.PopulationStabilityIndex => PopulationStabilityIndex.Test(r, c, settings),
                DriftTestKind.KolmogorovSmirnov => KolmogorovSmirnov.Test(r, c, settings),
                DriftTestKind.Wasserstein => Wasserstein.Test(r, c, reference.Moments!.StandardDeviation, settings),
                _ => JensenShannon.Test(r, c, settings),
            };
        }

        CategoryFrequencies a = reference.Categories!, b = current.Categories!;
        return test switch
        {
            DriftTestKind.ChiSquared => ChiSquared.Test(a, b, settings),
            DriftTestKind.LInfinity => LInfinity.Test(a, b, settings),
            _ => JensenShannon.Test(a, b, settings),
        };
    }

    private static DriftTestResult Prediction(
        DriftTestKind test, ScoreDistribution reference, ScoreDistribution current, DriftSettings settings) => test switch
        {
            DriftTestKind.TwoProportionZ => TwoProportionZ.Test(reference, current, settings),
            DriftTestKind.KolmogorovSmirnov => KolmogorovSmirnov.Test(reference.Sketch, current.Sketch, settings),
            _ => throw new InvalidOperationException($"{test} is not a prediction test."),
        };
}
