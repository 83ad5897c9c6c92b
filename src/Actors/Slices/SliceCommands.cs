using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>
/// Record batch <see cref="Sequence"/> (1, 2, 3, … per slice) of ingestion run <see cref="Source"/> in this slice. Not
/// answered: the slice applies only the next batch of each source, and <see cref="TakeSnapshot"/> tells the source how
/// far it got, so a lost batch is resent and a resent one is not counted twice.
/// </summary>
public sealed record RecordObservations(string SliceId, string Source, long Sequence, ObservationBatch Batch) : IWithSliceId, ISliceProtocol;

/// <summary>Record labelled outcomes whose labels arrived after their events were recorded (and shadow models' outcomes). Not answered.</summary>
public sealed record RecordOutcomes(string SliceId, IReadOnlyList<Outcome> Outcomes) : IWithSliceId, ISliceProtocol;

/// <summary>
/// The source no longer holds its batches up to <see cref="UpTo"/>: it released them on the word of a snapshot that a
/// failure later superseded (an older snapshot's write landing late). The slice takes the next batch after them; its
/// statistics miss them. Without this the source could never make its later batches durable.
/// </summary>
public sealed record SkipBatches(string SliceId, string Source, long UpTo) : IWithSliceId, ISliceProtocol;

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
