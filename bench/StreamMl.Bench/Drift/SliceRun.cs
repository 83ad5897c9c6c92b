using StreamMl.Actors.Slices;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Bench.Drift;

/// <summary>
/// Feeds a <see cref="RegionStream"/> through real slice states the way the ingestion does: batches of events, each
/// split by slice (the global slice, and a slice per region when there are several), recorded in order. It keeps every
/// drift signal raised and counts the journal events the slices would write for them.
/// </summary>
public sealed class SliceRun
{
    private readonly CompiledSpec _spec;
    private readonly int _batchSize;
    private readonly DateTimeOffset _start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _batches;

    public SliceRun(CompiledSpec spec, int regions, int batchSize = 500)
    {
        _spec = spec;
        _batchSize = batchSize;
        Slices[SliceKey.Global] = SliceState.Empty(SliceKey.Global, spec);
        if (regions > 1)
            for (var r = 0; r < regions; r++) Slices[RegionStream.SliceOf(r)] = SliceState.Empty(RegionStream.SliceOf(r), spec);
    }

    /// <summary>The slices by key.</summary>
    public Dictionary<string, SliceState> Slices { get; } = new(StringComparer.Ordinal);

    /// <summary>Every signal raised, with its slice, in the order raised.</summary>
    public List<(string Slice, DriftSignal Signal)> Signals { get; } = [];

    /// <summary>The journal events the slices would have written for those signals.</summary>
    public long JournalEvents { get; private set; }

    /// <summary>Records the next <paramref name="events"/> events of <paramref name="stream"/>.</summary>
    public void Feed(RegionStream stream, long events)
    {
        var rows = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        for (long done = 0; done < events; done += _batchSize)
        {
            foreach (var list in rows.Values) list.Clear();
            var size = (int)Math.Min(_batchSize, events - done);
            for (var i = 0; i < size; i++)
            {
                var (region, row) = stream.Next();
                Add(rows, SliceKey.Global, row);
                if (Slices.Count > 1) Add(rows, RegionStream.SliceOf(region), row);
            }
            var at = _start.AddSeconds(_batches++);
            foreach (var (slice, list) in rows)
            {
                if (list.Count == 0) continue;
                var signals = Slices[slice].Record(new ObservationBatch(list.ToArray(), at, RegionStream.ModelVersion), _spec);
                foreach (var signal in signals) Signals.Add((slice, signal));
                JournalEvents += SliceDriftJournal.EventsFor(slice, signals).Count;
            }
        }
    }

    private static void Add(Dictionary<string, List<Observation>> rows, string slice, Observation row)
    {
        if (!rows.TryGetValue(slice, out var list)) rows[slice] = list = [];
        list.Add(row);
    }
}
