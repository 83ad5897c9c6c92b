using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>A message addressed to one slice entity; the extractor routes it by <see cref="SliceId"/>.</summary>
public interface IWithSliceId
{
    string SliceId { get; }
}

/// <summary>Marker of every message, event and snapshot of the slice protocol (one serializer binds them).</summary>
public interface ISliceProtocol;

/// <summary>
/// Record batch <see cref="Sequence"/> (1, 2, 3, … per slice) of ingestion run <see cref="Source"/> in this slice. Not
/// answered: the slice applies only the next batch of each source, and <see cref="TakeSnapshot"/> tells the source how
/// far it got, so a lost batch is resent and a resent one is not counted twice.
/// </summary>
public sealed record RecordObservations(string SliceId, string Source, long Sequence, ObservationBatch Batch) : IWithSliceId, ISliceProtocol;

/// <summary>Record labelled outcomes whose labels arrived after their events were recorded (and shadow models' outcomes). Not answered.</summary>
public sealed record RecordOutcomes(string SliceId, IReadOnlyList<Outcome> Outcomes) : IWithSliceId, ISliceProtocol;

/// <summary>Ask a slice for its statistics; answered with <see cref="SliceStatisticsReply"/>.</summary>
public sealed record GetSliceStatistics(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>A slice's statistics as JSON-ready summaries (lifetime, current window, last closed window).</summary>
public sealed record SliceStatisticsReply(string SliceId, SliceSummary Summary) : ISliceProtocol;

/// <summary>Make everything recorded so far durable; answered with <see cref="SnapshotTaken"/> once the snapshot is stored.</summary>
/// <param name="Source">The ingestion run asking, whose last applied batch the answer names.</param>
public sealed record TakeSnapshot(string SliceId, string Source) : IWithSliceId, ISliceProtocol;

/// <summary>The slice's state is in the snapshot store, with every batch of the asking source up to <see cref="Applied"/>.</summary>
public sealed record SnapshotTaken(string SliceId, long TotalEvents, long Applied) : ISliceProtocol;

/// <summary>Sent by sharding to hand a slice off or passivate it: the slice snapshots unsaved state, then stops.</summary>
public sealed record StopSlice : ISliceProtocol
{
    public static readonly StopSlice Instance = new();
}

/// <summary>The one journal event of a slice, persisted when it records its first batch, so the journal knows every slice.</summary>
public sealed record SliceOpened(string SliceId) : ISliceProtocol;

/// <summary>
/// A journal event that moves a slice's sequence number past any snapshot an earlier save may still write: persisted
/// before the first snapshot of each incarnation and after a failed save, so that a late write of a stale snapshot
/// can never replace a newer one under the same sequence number.
/// </summary>
public sealed record SliceFenced(string SliceId) : ISliceProtocol;

/// <summary>The persisted snapshot of a slice.</summary>
public sealed record SliceSnapshot(SliceState State) : ISliceProtocol;

/// <summary>The journal event of one drift signal, as slices wrote them before <see cref="SliceDriftRecorded"/>; still replayed.</summary>
public sealed record SliceDriftSignalled(string SliceId, DriftSignal Signal) : ISliceProtocol;

/// <summary>
/// The journal event of the drift signals (detections, warnings, recoveries) one recorded batch raised in a slice, in
/// order; replayed, they rebuild the slice's alarms. One per batch that changed anything, however many signals it holds.
/// </summary>
public sealed record SliceDriftRecorded(string SliceId, IReadOnlyList<DriftSignal> Signals) : ISliceProtocol;

/// <summary>Published on the node's event stream once a drift signal is in the journal, for the alert publisher.</summary>
public sealed record SliceAlertRaised(string SliceId, DriftSignal Signal, DateTimeOffset RaisedAt);

/// <summary>The answer to any request for a slice while it restarts after a failure (its database unreachable, say).</summary>
public sealed record SliceUnavailable : ISliceProtocol
{
    public static readonly SliceUnavailable Instance = new();
}
