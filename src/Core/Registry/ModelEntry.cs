using StreamMl.Core.Explanations;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Registry;

/// <summary>What the registry knows of one model version.</summary>
/// <param name="Deployments">Per node, "deployed" or "refused: reason" for the version's current place in the serving plan; emptied whenever that place changes.</param>
/// <param name="Importance">A trained version's permutation feature importance on its gate's held-out examples.</param>
public sealed record ModelEntry(
    string Version,
    string? RunId,
    ModelDescription Model,
    ModelMetrics? Metrics,
    EvaluationReport? Evaluation,
    GateDecision? Gate,
    string Status,
    DateTimeOffset RegisteredAt,
    IReadOnlyDictionary<string, string> Deployments,
    OnlineProgress? Online = null,
    ImportanceReport? Importance = null);

/// <summary>The states of a model version.</summary>
public static class ModelStatuses
{
    /// <summary>Trained and waiting for the gate.</summary>
    public const string Trained = "trained";
    /// <summary>Blessed by the gate (or imported) but not serving.</summary>
    public const string Ready = "ready";
    /// <summary>Refused by the gate.</summary>
    public const string Rejected = "rejected";
    public const string Champion = "champion";
    /// <summary>Serving in shadow or canary mode beside the champion.</summary>
    public const string Challenger = "challenger";
    /// <summary>Served once, replaced since.</summary>
    public const string Retired = "retired";
}

/// <summary>One step of a model's lineage: a journal event, in journal order.</summary>
public sealed record LineageStep(long Sequence, string Kind, IRegistryEvent Event);
