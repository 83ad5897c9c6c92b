using StreamMl.Core.Slices;

namespace StreamMl.Core.Operations;

/// <summary>
/// What a slice tells the slice directory at each checkpoint: how many events it has seen, its drift reference, its
/// error warning, and the quality of each model version over its most recent closed windows. Small on purpose: it is
/// replicated to every node.
/// </summary>
/// <param name="Events">The slice's lifetime event count.</param>
/// <param name="At">When the slice's snapshot holding these figures was stored.</param>
/// <param name="Quality">Per model version and closed window, ordered by window then version; at most <see cref="MaxQualityPoints"/>.</param>
public sealed record SliceFigures(
    long Events,
    string? ReferenceModel,
    long? ReferenceWindow,
    bool ErrorWarning,
    DateTimeOffset At,
    IReadOnlyList<WindowQuality> Quality)
{
    /// <summary>The most quality points a slice keeps in the directory (the newest windows win).</summary>
    public const int MaxQualityPoints = 60;

    /// <summary>The figures of a slice's state: its last closed quality window of each model version.</summary>
    public static SliceFigures From(SliceState state, DateTimeOffset at)
    {
        var quality = new List<WindowQuality>();
        foreach (var (version, q) in state.Quality.Versions)
        {
            if (q.LastWindow?.Summary() is not { } last) continue;
            quality.Add(new WindowQuality(version, q.WindowIndex - 1, last.Count, last.Accuracy, last.Rmse, last.F1, last.Auc, last.LogLoss, last.Mae));
        }
        return new SliceFigures(state.Lifetime.Events, state.Drift.ReferenceModel, state.Drift.ReferenceWindow, state.Drift.ErrorWarning, at,
            Ordered(quality));
    }

    /// <summary>These figures, with the quality windows of <paramref name="earlier"/> figures that these do not repeat.</summary>
    public SliceFigures After(SliceFigures? earlier)
    {
        if (earlier is null || earlier.Quality.Count == 0) return this;
        var points = new Dictionary<(string, long), WindowQuality>();
        foreach (var p in earlier.Quality) points[(p.Version, p.Window)] = p;
        foreach (var p in Quality) points[(p.Version, p.Window)] = p;
        return this with { Quality = Ordered(points.Values) };
    }

    private static WindowQuality[] Ordered(IEnumerable<WindowQuality> points) =>
        points.OrderByDescending(p => p.Window).ThenBy(p => p.Version, StringComparer.Ordinal).Take(MaxQualityPoints)
            .OrderBy(p => p.Window).ThenBy(p => p.Version, StringComparer.Ordinal).ToArray();
}

/// <summary>One model version's quality over one closed window of its labelled outcomes in a slice.</summary>
/// <param name="Window">The zero-based index of the version's window of outcomes.</param>
/// <param name="Count">Labelled outcomes in the window.</param>
/// <param name="Accuracy">Accuracy of binary outcomes; null for regression.</param>
/// <param name="Rmse">Root mean squared error of regression outcomes; null for classification.</param>
/// <param name="F1">F1 of binary outcomes (the other metrics of the gate follow).</param>
public sealed record WindowQuality(string Version, long Window, long Count, double? Accuracy, double? Rmse,
    double? F1 = null, double? Auc = null, double? LogLoss = null, double? Mae = null)
{
    /// <summary>The window's figures as the validation gate reads a model's metrics.</summary>
    public Modeling.ModelMetrics Metrics() => new((int)Math.Min(Count, int.MaxValue), Accuracy, Auc, F1, LogLoss, Mae, Rmse);
}
