using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

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
