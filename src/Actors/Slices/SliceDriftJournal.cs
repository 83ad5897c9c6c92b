using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>What a slice writes to its journal for the drift signals that one recorded batch raised.</summary>
public static class SliceDriftJournal
{
    /// <summary>The journal events for <paramref name="signals"/>, in order; none when the batch raised nothing.</summary>
    public static IReadOnlyList<SliceDriftSignalled> EventsFor(string sliceId, IReadOnlyList<DriftSignal> signals) =>
        signals.Select(signal => new SliceDriftSignalled(sliceId, signal)).ToArray();
}
