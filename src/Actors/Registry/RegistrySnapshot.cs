using StreamMl.Core.Registry;

namespace StreamMl.Actors.Registry;

/// <summary>
/// The registry's snapshot: its whole lineage (the state is the lineage, and the lineage is never deleted), one
/// record instead of thousands of journal rows to read at recovery. Each event keeps its manifest, as in the journal.
/// </summary>
public sealed record RegistrySnapshot(IReadOnlyList<RegistrySnapshotEvent> Events);

/// <summary>One journal event of a snapshot: its sequence number, manifest and JSON.</summary>
public sealed record RegistrySnapshotEvent(long Sequence, string Manifest, System.Text.Json.JsonElement Event);
