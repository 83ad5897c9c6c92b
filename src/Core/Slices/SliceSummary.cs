using StreamMl.Core.Quality;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Slices;

/// <summary>What operators see of a slice: its statistics summarised per feature, lifetime and window, its drift state, and the quality of each model version.</summary>
/// <param name="Quality">Per model version, its quality metrics over its lifetime, current window and last closed window.</param>
public sealed record SliceSummary(
    string Slice,
    long Events,
    WindowSummary Lifetime,
    WindowSummary Window,
    WindowSummary? LastWindow,
    DriftSummary Drift,
    IReadOnlyDictionary<string, VersionQualitySummary> Quality)
{
    public static SliceSummary From(SliceState state) => new(
        state.SliceId,
        state.Lifetime.Events,
        WindowSummary.From(null, null, null, state.Lifetime),
        WindowSummary.From(state.WindowIndex, state.WindowStart, state.WindowEnd, state.Window),
        state.LastWindow is { } w ? WindowSummary.From(w.Index, w.Start, w.End, w.Statistics) : null,
        DriftSummary.From(state.Drift),
        VersionQualitySummary.From(state.Quality));
}

/// <summary>A statistics profile summarised for reading.</summary>
public sealed record WindowSummary(
    long? Index,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    long Events,
    IReadOnlyDictionary<string, FeatureSummary> Features,
    IReadOnlyDictionary<string, long> Labels,
    ScoreSummary Scores)
{
    public static WindowSummary From(long? index, DateTimeOffset? start, DateTimeOffset? end, StatisticsSet set) => new(
        index, start, end, set.Events,
        set.Features.ToDictionary(f => f.Key, f => FeatureSummary.From(f.Value)),
        new Dictionary<string, long>(set.Labels.Counts),
        ScoreSummary.From(set.Scores));
}

/// <summary>One feature's statistics; the numeric or the categorical part is set, as the feature is.</summary>
public sealed record FeatureSummary(
    long Count,
    long Missing,
    double? Mean,
    double? Variance,
    double? Min,
    double? Max,
    IReadOnlyDictionary<string, double>? Quantiles,
    IReadOnlyList<CategoryCount>? TopCategories)
{
    private static readonly (string Name, double Q)[] Reported =
        [("p01", 0.01), ("p05", 0.05), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75), ("p95", 0.95), ("p99", 0.99)];

    public static FeatureSummary From(FeatureStatistics f)
    {
        if (f.Moments is { } m && f.Sketch is { } sketch)
        {
            var quantiles = sketch.Count == 0 ? null : Reported.ToDictionary(r => r.Name, r => sketch.Quantile(r.Q));
            return new FeatureSummary(f.Count, f.Missing, Finite(m.Mean, m.Count), Finite(m.Variance, m.Count),
                Finite(m.Min, m.Count), Finite(m.Max, m.Count), quantiles, null);
        }
        return new FeatureSummary(f.Count, f.Missing, null, null, null, null, null, f.Categories?.Top(10));
    }

    private static double? Finite(double x, long count) => count > 0 && double.IsFinite(x) ? x : null;
}

/// <summary>The prediction scores of a profile.</summary>
public sealed record ScoreSummary(long Count, double? Mean, long Positives, double? PositiveShare)
{
    public static ScoreSummary From(ScoreDistribution s) => new(
        s.Moments.Count,
        s.Moments.Count > 0 ? s.Moments.Mean : null,
        s.Positives,
        s.Moments.Count > 0 ? (double)s.Positives / s.Moments.Count : null);
}

/// <summary>A slice's drift state: its reference (a model's training profile or a window), its raised alarms, and whether the error detector warns.</summary>
public sealed record DriftSummary(string? ReferenceModel, long? ReferenceWindow, IReadOnlyList<DriftSignal> Alarms, bool ErrorWarning)
{
    public static DriftSummary From(SliceDrift drift) => new(
        drift.ReferenceModel,
        drift.ReferenceWindow,
        drift.Alarms.Values.OrderBy(a => a.AtEvent).ThenBy(a => a.Key, StringComparer.Ordinal).ToArray(),
        drift.ErrorWarning);
}
