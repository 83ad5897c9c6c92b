using StreamMl.Core.Modeling;
using StreamMl.Core.Operations;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Lifecycle;

/// <summary>
/// The validation gate on prequential quality, for a challenger that serves beside the champion (in shadow or canary)
/// when either learns online, so that no hold-out is fair to both: each version is measured on its latest closed window
/// of labelled predictions in every slice (<see cref="SliceFigures"/>), and <see cref="ValidationGate"/> decides on
/// those figures as it does on a hold-out's, overall (the global slice) and per slice.
/// </summary>
public static class PrequentialGate
{
    /// <summary>
    /// Both versions' reports, or null while either has no closed window on the global slice yet (the challenger's
    /// first window closes after the spec's window of labelled predictions).
    /// </summary>
    public static (EvaluationReport Champion, EvaluationReport Challenger)? Reports(
        IEnumerable<KeyValuePair<string, SliceFigures>> slices, string champion, string challenger)
    {
        var championSlices = new Dictionary<string, ModelMetrics>(StringComparer.Ordinal);
        var challengerSlices = new Dictionary<string, ModelMetrics>(StringComparer.Ordinal);
        foreach (var (slice, figures) in slices)
        {
            if (Latest(figures, champion) is { } a) championSlices[slice] = a.Metrics();
            if (Latest(figures, challenger) is { } b) challengerSlices[slice] = b.Metrics();
        }
        if (!championSlices.TryGetValue(SliceKey.Global, out var championOverall) || !challengerSlices.TryGetValue(SliceKey.Global, out var challengerOverall))
            return null;
        return (new EvaluationReport(championOverall, championSlices), new EvaluationReport(challengerOverall, challengerSlices));
    }

    public static GateDecision Decide(GateSpec gate, LabelKind kind, EvaluationReport champion, EvaluationReport challenger) =>
        ValidationGate.Decide(gate, kind, champion, challenger);

    private static WindowQuality? Latest(SliceFigures figures, string version)
    {
        WindowQuality? latest = null;
        foreach (var q in figures.Quality)
            if (q.Version == version && (latest is null || q.Window > latest.Window)) latest = q;
        return latest;
    }
}
