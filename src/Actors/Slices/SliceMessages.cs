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

/// <summary>Record the observations of one ingestion batch in this slice; answered with <see cref="ObservationsAcknowledged"/> once applied.</summary>
public sealed record RecordObservations(string SliceId, ObservationBatch Batch) : IWithSliceId, ISliceProtocol;

/// <summary>
/// Record labelled outcomes whose labels arrived after their events were recorded (and shadow models'
/// outcomes); answered with <see cref="ObservationsAcknowledged"/> once applied.
/// </summary>
public sealed record RecordOutcomes(string SliceId, IReadOnlyList<Outcome> Outcomes) : IWithSliceId, ISliceProtocol;

/// <summary>The batch or the outcomes are applied to the slice's state (durable at the next <see cref="TakeSnapshot"/>).</summary>
public sealed record ObservationsAcknowledged(string SliceId, long TotalEvents) : ISliceProtocol;

/// <summary>Ask a slice for its statistics; answered with <see cref="SliceStatisticsReply"/>.</summary>
public sealed record GetSliceStatistics(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>A slice's statistics as JSON-ready summaries (lifetime, current window, last closed window).</summary>
public sealed record SliceStatisticsReply(string SliceId, SliceSummary Summary) : ISliceProtocol;

/// <summary>Make everything recorded so far durable; answered with <see cref="SnapshotTaken"/> once the snapshot is stored.</summary>
public sealed record TakeSnapshot(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>The slice's state, including every batch acknowledged before the request, is in the snapshot store.</summary>
public sealed record SnapshotTaken(string SliceId, long TotalEvents) : ISliceProtocol;

/// <summary>Sent by sharding to hand a slice off or passivate it: the slice snapshots unsaved state, then stops.</summary>
public sealed record StopSlice : ISliceProtocol
{
    public static readonly StopSlice Instance = new();
}

/// <summary>The one journal event of a slice, persisted when it records its first batch, so the journal knows every slice.</summary>
public sealed record SliceOpened(string SliceId) : ISliceProtocol;

/// <summary>The persisted snapshot of a slice.</summary>
public sealed record SliceSnapshot(SliceState State) : ISliceProtocol;

/// <summary>The journal event of a drift signal (alarm, warning, recovery); replayed, it rebuilds the slice's alarms.</summary>
public sealed record SliceDriftSignalled(string SliceId, DriftSignal Signal) : ISliceProtocol;

/// <summary>Published on the node's event stream once a drift signal is in the journal, for the alert publisher.</summary>
public sealed record SliceAlertRaised(string SliceId, DriftSignal Signal, DateTimeOffset RaisedAt);
