using StreamMl.Core.Slices;

namespace StreamMl.Core.Operations;

/// <summary>
/// Every slice the cluster has recorded, as operators list them: its drift alarms and their history (folded from the
/// slices' journal events, so it survives restarts) and its latest checkpoint figures (replicated by the slices as
/// they snapshot). Reading it never touches a slice. Not thread-safe: its owner serialises access.
/// </summary>
public sealed class SliceDirectory
{
    /// <summary>The most drift signals kept per slice (the newest win); the journal keeps them all.</summary>
    public const int MaxHistory = 200;

    private readonly SortedDictionary<string, Entry> _slices = new(StringComparer.Ordinal);
    private long _touches;

    public int Count => _slices.Count;

    public bool Contains(string sliceId) => _slices.ContainsKey(sliceId);

    /// <summary>The slice recorded its first batch.</summary>
    public void Opened(string sliceId) => Get(sliceId);

    /// <summary>A drift signal of the slice, journaled at <paramref name="at"/>.</summary>
    public void Signalled(string sliceId, DriftSignal signal, DateTimeOffset at)
    {
        var entry = Get(sliceId);
        entry.Drift.Apply(signal);
        entry.History.Add(new TimedSignal(signal, at));
        if (entry.History.Count > MaxHistory) entry.History.RemoveRange(0, entry.History.Count - MaxHistory);
    }

    /// <summary>The slice's latest checkpoint figures; older ones than those held are ignored.</summary>
    public void Figures(string sliceId, SliceFigures figures)
    {
        var entry = Get(sliceId, touch: false);
        if (entry.Figures is { } held && held.At >= figures.At) return;
        entry.Figures = figures;
        entry.Touched = ++_touches;
    }

    /// <summary>
    /// One page of slices in id order: those whose id starts with <paramref name="prefix"/> and contains
    /// <paramref name="contains"/> (ordinal, either may be null), skipping <paramref name="offset"/>.
    /// </summary>
    public SlicePage Page(string? prefix, string? contains, int offset, int limit)
    {
        var matching = _slices.Values.Where(e =>
            (string.IsNullOrEmpty(prefix) || e.Id.StartsWith(prefix, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(contains) || e.Id.Contains(contains, StringComparison.OrdinalIgnoreCase)));
        var total = 0;
        var items = new List<SliceListing>(Math.Min(limit, 1000));
        foreach (var e in matching)
        {
            if (total >= offset && items.Count < limit) items.Add(e.Listing());
            total++;
        }
        return new SlicePage(total, offset, limit, items);
    }

    /// <summary>The drift state of every slice, in id order; with <paramref name="alarmedOnly"/>, only slices with an alarm or a warning.</summary>
    public IReadOnlyList<SliceDriftView> Drift(bool alarmedOnly = false) =>
        _slices.Values.Where(e => !alarmedOnly || e.Drift.Alarms.Count > 0 || e.Drift.ErrorWarning).Select(e => e.DriftView()).ToList();

    /// <summary>The slice's journaled drift signals in order, or null for an unknown slice.</summary>
    public IReadOnlyList<TimedSignal>? History(string sliceId) =>
        _slices.TryGetValue(sliceId, out var e) ? e.History.ToList() : null;

    /// <summary>Slices that have had any drift signal, with their signals in order: the drift timeline.</summary>
    public IReadOnlyList<SliceHistory> Histories(int maxSlices) =>
        _slices.Values.Where(e => e.History.Count > 0)
            .OrderByDescending(e => e.History[^1].At).Take(maxSlices)
            .Select(e => new SliceHistory(e.Id, e.History.ToList())).ToList();

    /// <summary>The slice's quality windows per model version, or null for an unknown slice.</summary>
    public IReadOnlyList<WindowQuality>? Quality(string sliceId) =>
        _slices.TryGetValue(sliceId, out var e) ? e.Figures?.Quality ?? [] : null;

    /// <summary>
    /// The ids of the <paramref name="max"/> slices the journal and the figures mentioned last, the most recent first:
    /// the slices a starting node wakes before it consumes.
    /// </summary>
    public IReadOnlyList<string> MostRecent(int max) =>
        max <= 0 ? [] : _slices.Values.OrderByDescending(e => e.Touched).Take(max).Select(e => e.Id).ToList();

    /// <summary>Alarms raised now, by test.</summary>
    public IReadOnlyDictionary<string, int> ActiveAlarmsByTest() =>
        _slices.Values.SelectMany(e => e.Drift.Alarms.Values).GroupBy(a => a.Test, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private Entry Get(string sliceId, bool touch = true)
    {
        if (!_slices.TryGetValue(sliceId, out var entry)) _slices[sliceId] = entry = new Entry(sliceId);
        if (touch || entry.Touched == 0) entry.Touched = ++_touches;
        return entry;
    }

    private sealed class Entry(string id)
    {
        public string Id { get; } = id;
        public SliceDrift Drift { get; } = new();
        public List<TimedSignal> History { get; } = [];
        public SliceFigures? Figures { get; set; }
        /// <summary>When the slice was last mentioned, in the order of mentions.</summary>
        public long Touched { get; set; }

        public SliceListing Listing() => new(Id, Figures?.Events, Drift.Alarms.Count, Drift.ErrorWarning, Figures?.At);

        public SliceDriftView DriftView() => new(Id, DriftSummary.From(Drift).Alarms, Drift.ErrorWarning, Figures?.ReferenceModel, Figures?.ReferenceWindow);
    }
}

/// <summary>A drift signal with the time its journal event was written.</summary>
public sealed record TimedSignal(DriftSignal Signal, DateTimeOffset At);

/// <summary>A slice's drift signals in order.</summary>
public sealed record SliceHistory(string Slice, IReadOnlyList<TimedSignal> Signals);

/// <summary>A slice in a listing.</summary>
/// <param name="Events">Its lifetime event count at its last checkpoint; null when it has not checkpointed since the cluster started.</param>
/// <param name="CheckpointedAt">When that checkpoint was stored.</param>
public sealed record SliceListing(string Id, long? Events, int Alarms, bool ErrorWarning, DateTimeOffset? CheckpointedAt);

/// <summary>A page of slices: <see cref="Total"/> match the filter.</summary>
public sealed record SlicePage(int Total, int Offset, int Limit, IReadOnlyList<SliceListing> Items);

/// <summary>A slice's drift state as <c>/drift</c> lists it.</summary>
public sealed record SliceDriftView(string Slice, IReadOnlyList<DriftSignal> Alarms, bool ErrorWarning, string? ReferenceModel, long? ReferenceWindow);
