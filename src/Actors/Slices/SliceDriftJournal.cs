using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>What a slice writes to its journal for the drift signals that one recorded batch raised.</summary>
/// <remarks>
/// One event per batch that changed the drift state, holding every signal of the batch: a window closes inside one
/// batch, so all the changes of a closed window (alarms raised, alarms recovered) are one event, and a test that flaps
/// costs one event per window at most, shared with every other change of that window. A detection of the error
/// detector is journaled with the batch it happened in, not held back to the window's end, so that it reaches the
/// alerts topic at once.
/// </remarks>
public static class SliceDriftJournal
{
    /// <summary>The journal events for <paramref name="signals"/>: one holding them all, or none when the batch raised nothing.</summary>
    public static IReadOnlyList<SliceDriftRecorded> EventsFor(string sliceId, IReadOnlyList<DriftSignal> signals) =>
        signals.Count == 0 ? [] : [new SliceDriftRecorded(sliceId, signals.ToArray())];
}
