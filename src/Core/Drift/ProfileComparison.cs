using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Runs the configured drift tests on every feature, the label balance and the predictions of two profiles, as one family.</summary>
/// <remarks>
/// <para>The tests of one comparison are one family held to <see cref="DriftSettings.Alpha"/>: each of its m tests
/// that ran is held to α/m (Bonferroni), so, whatever the dependence between the tests, an unchanged window raises an
/// alarm with probability at most α (to the accuracy of each test's asymptotic null: see <see cref="IDistanceNull"/>),
/// and a profile of many features raises no more false alarms than one of few.</para>
/// <para>Over windows the expected false alarms add up: a slice closing W windows of an unchanged stream raises at
/// most αW of them in expectation, S slices at most αWS, whatever the correlation between windows (which share a
/// reference) and slices (a region and the global slice share events). Per 100,000 events of a slice with windows of
/// w events that is 10⁵α/w: 1 for α = 0.01 and w = 1,000. To bound all of a stream's S slices together, use α/S.</para>
/// </remarks>
public static class ProfileComparison
{
    public const string LabelName = "label";
    public const string PredictionName = "prediction";

    /// <summary>
    /// Results in order: the reference's features (ordinal by name, each with its tests from
    /// <see cref="DriftSettings.TestsFor"/>), then <see cref="LabelName"/>, then <see cref="PredictionName"/>, each held
    /// to α/m with m the number of tests that ran. A feature missing from the current profile, of another kind there, or
    /// given a test that does not apply to its kind gets skipped results; a distance with fewer than
    /// <see cref="DriftSettings.DistanceMinimumSampleSize"/> values on either side is skipped and the feature gets the
    /// matching hypothesis test if it has not got it; features only the current profile has are not compared.
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
            var tests = settings.TestsFor(name, mine.Kind);
            var matchingNeeded = false;
            SketchDistributions? distributions = null;
            foreach (var test in tests)
            {
                if (DriftTestCatalog.IsDistance(test) && theirs?.Kind == mine.Kind && DriftTestCatalog.Applies(test, mine.Kind)
                    && Math.Min(mine.Count, theirs.Count) < settings.DistanceMinimumSampleSize)
                {
                    var matching = DriftTestCatalog.Matching(mine.Kind);
                    results.Add(new FeatureDriftResult(name, DriftTestResult.Skip(test, settings.ThresholdOf(test), mine.Count, theirs.Count,
                        $"a distance needs {settings.DistanceMinimumSampleSize} values a side (reference {mine.Count}, current {theirs.Count}); {matching} judges the feature")));
                    matchingNeeded |= !tests.Contains(matching);
                    continue;
                }
                results.Add(new FeatureDriftResult(name, Feature(test, mine, theirs, settings, ref distributions)));
            }
            if (matchingNeeded) results.Add(new FeatureDriftResult(name, Feature(DriftTestCatalog.Matching(mine.Kind), mine, theirs, settings, ref distributions)));
        }
        foreach (var test in DriftTestCatalog.Label)
            results.Add(new FeatureDriftResult(LabelName, ChiSquared.Test(reference.Labels, current.Labels, settings)));
        foreach (var test in DriftTestCatalog.Prediction)
            results.Add(new FeatureDriftResult(PredictionName, Prediction(test, reference.Scores, current.Scores, settings)));
        var level = settings.Alpha / Math.Max(1, results.Count(r => !r.Result.Skipped));
        return results.Select(r => r with { Result = r.Result.AtLevel(level) }).ToList();
    }

    /// <param name="distributions">
    /// The feature's two sketches as distributions, made at the first of its tests that needs them and kept for the
    /// others (each would otherwise rebuild the same two): pass the same variable, null at first, for every test of one feature.
    /// </param>
    private static DriftTestResult Feature(
        DriftTestKind test, FeatureStatistics reference, FeatureStatistics? current, DriftSettings settings, ref SketchDistributions? distributions)
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
            var sketches = distributions ??= new SketchDistributions(reference.Sketch!, current.Sketch!);
            var (r, c, quantile) = (sketches.Reference, sketches.Current, sketches.ReferenceQuantile);
            return test switch
            {
                DriftTestKind.PopulationStabilityIndex => PopulationStabilityIndex.Test(r, c, quantile, settings),
                DriftTestKind.KolmogorovSmirnov => KolmogorovSmirnov.Test(r, c, settings),
                DriftTestKind.Wasserstein => Wasserstein.Test(r, c, Wasserstein.Scale(reference.Moments!.StandardDeviation, quantile), settings),
                _ => JensenShannon.Binned(r, c, quantile, settings),
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

    /// <summary>A numeric feature's reference and current sketches as the distributions its tests read.</summary>
    private sealed class SketchDistributions(QuantileSketch reference, QuantileSketch current)
    {
        public EmpiricalDistribution Reference { get; } = EmpiricalDistribution.FromSketch(reference);
        public EmpiricalDistribution Current { get; } = EmpiricalDistribution.FromSketch(current);
        /// <summary>The reference sketch's quantiles, which cut the binned tests' bins.</summary>
        public Func<double, double> ReferenceQuantile { get; } = reference.Quantile;
    }
}
