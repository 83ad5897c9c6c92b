using System.Text.Json;
using StreamMl.Core.Registry;

namespace StreamMl.Actors.Registry;

/// <summary>A query of the model registry, or its answer (the registry's own messages; commands and events are Core's).</summary>
public interface IRegistryQuery;

public sealed record GetModels : IRegistryQuery
{
    public static readonly GetModels Instance = new();
}

public sealed record ModelsReply(IReadOnlyList<ModelEntry> Models, string? Champion, string? Challenger, string Mode, double CanaryShare, long PlanRevision) : IRegistryQuery;

public sealed record GetModel(string Version) : IRegistryQuery;

public sealed record ModelReply(ModelEntry? Model) : IRegistryQuery;

public sealed record GetLineage(string Version) : IRegistryQuery;

/// <summary>A lineage step as JSON: the journal event with its sequence number and kind.</summary>
public sealed record LineageEntry(long Sequence, string Kind, JsonElement Event);

/// <summary>A version's lineage, in journal order; null steps for an unknown version.</summary>
public sealed record LineageReply(string Version, IReadOnlyList<LineageEntry>? Steps) : IRegistryQuery;

/// <summary>Ask for the serving plan; answered with the <see cref="ServingPlan"/>.</summary>
public sealed record GetServingPlan : IRegistryQuery
{
    public static readonly GetServingPlan Instance = new();
}

/// <summary>The answer to any request while the registry restarts after a failure (its database unreachable, say).</summary>
public sealed record RegistryUnavailable : IRegistryQuery
{
    public static readonly RegistryUnavailable Instance = new();
}
