using StreamMl.Core.Operations;

namespace StreamMl.Actors.Slices;

/// <summary>Published on the node's event stream once a slice's snapshot is stored: its figures for the slice directory, and how long the save took.</summary>
public sealed record SliceCheckpointed(string SliceId, SliceFigures Figures, TimeSpan SaveDuration);

/// <summary>Published on the node's event stream when a slice's snapshot could not be stored.</summary>
public sealed record SliceSnapshotFailed(string SliceId, TimeSpan SaveDuration);

/// <summary>Published on the node's event stream when a slice entity has recovered its state (it started, or woke up).</summary>
public sealed record SliceRecovered(string SliceId);
