using StreamMl.Core.Explanations;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Training;

namespace StreamMl.Core.Registry;

/// <summary>An event of the model registry's journal: the lineage of every model. Never deleted.</summary>
public interface IRegistryEvent
{
    DateTimeOffset At { get; }
}

/// <summary>What set a training run off: a drift alarm (with its id), a count of new labelled examples, the schedule, or an operator.</summary>
public sealed record TrainingTrigger(string Kind, string? AlarmId, string Detail, DateTimeOffset At);

/// <summary>What a model is and how it was made: enough to reproduce it from its snapshot.</summary>
/// <param name="ArtifactSha256">The ML.NET zip in the artifact store.</param>
/// <param name="ProfileSha256">The training profile (per-slice statistics) in the artifact store, when there is one.</param>
/// <param name="SpecHash">The hash of the pipeline spec the model was trained for.</param>
/// <param name="CodeVersion">The StreamMl build that trained it.</param>
/// <param name="WarmStartedFrom">The version whose weights an incremental model started from.</param>
/// <param name="Online">Set for an online model: its learner and where in the label log it starts (the artifact is its initial state).</param>
public sealed record ModelDescription(
    string ArtifactSha256,
    string? ProfileSha256,
    string SpecHash,
    string CodeVersion,
    string Trainer,
    IReadOnlyDictionary<string, double> HyperParameters,
    int Seed,
    int ExampleCount,
    string? WarmStartedFrom = null,
    OnlineDescription? Online = null);

/// <summary>How a promoted model serves.</summary>
public static class ServingModes
{
    /// <summary>The model answers every event (it becomes the champion).</summary>
    public const string Full = "full";
    /// <summary>The model is scored on every event beside the champion but never answers.</summary>
    public const string Shadow = "shadow";
    /// <summary>The model answers the share of events whose hashed id falls below the canary share.</summary>
    public const string Canary = "canary";

    public static readonly string[] All = [Full, Shadow, Canary];
}

/// <summary>A model that did not come from a training run (the first model a node was started with).</summary>
public sealed record ModelImported(string Version, ModelDescription Model, ModelMetrics? Metrics, DateTimeOffset At) : IRegistryEvent;

/// <summary>A training run began; the model it trains will be registered as <see cref="Version"/>.</summary>
public sealed record TrainingRequested(string RunId, string Version, TrainingTrigger Trigger, IReadOnlyList<TrainingTrigger> Merged, string? Champion, string Mode, DateTimeOffset At) : IRegistryEvent;

/// <summary>The run's data: exactly which labelled examples it read, with their hash, and how they were split.</summary>
public sealed record TrainingSnapshotTaken(string RunId, TrainingSnapshot Snapshot, int TrainingExamples, int HoldoutExamples, DateTimeOffset At) : IRegistryEvent;

/// <summary>The run produced a model, now registered under <see cref="Version"/>.</summary>
public sealed record ModelTrained(string RunId, string Version, ModelDescription Model, DateTimeOffset At) : IRegistryEvent;

/// <summary>The challenger and the champion scored on the same held-out examples, overall and per slice.</summary>
/// <param name="Importance">The challenger's permutation feature importance on the same held-out examples, overall and per slice (absent in older journals).</param>
public sealed record ModelEvaluated(string RunId, string Version, EvaluationReport Challenger, string? Champion, EvaluationReport? ChampionReport, DateTimeOffset At,
    ImportanceReport? Importance = null) : IRegistryEvent;

/// <summary>The validation gate's verdict on a challenger.</summary>
public sealed record GateDecided(string RunId, string Version, GateDecision Decision, DateTimeOffset At) : IRegistryEvent;

/// <summary>A run that ended without a model.</summary>
public sealed record TrainingFailed(string RunId, string Reason, DateTimeOffset At) : IRegistryEvent;

/// <summary>A model now serves: as the champion (full), or as the challenger in shadow or canary mode.</summary>
public sealed record ModelPromoted(string Version, string Mode, double CanaryShare, string? PreviousChampion, string By, DateTimeOffset At) : IRegistryEvent;

/// <summary>The champion was replaced by the one before it; any challenger is withdrawn.</summary>
public sealed record ModelRolledBack(string From, string To, string By, DateTimeOffset At) : IRegistryEvent;

/// <summary>A node serves the model (checked against its SHA-256 and swapped in).</summary>
public sealed record ModelDeployed(string Version, string Node, long PlanRevision, DateTimeOffset At) : IRegistryEvent;

/// <summary>A node refused the model (bad hash, unreadable, wrong schema) and kept serving the old one.</summary>
public sealed record ModelRefused(string Version, string Node, long PlanRevision, string Reason, DateTimeOffset At) : IRegistryEvent;
