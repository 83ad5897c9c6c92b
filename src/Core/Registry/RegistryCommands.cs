using StreamMl.Core.Explanations;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Training;

namespace StreamMl.Core.Registry;

/// <summary>A message of the model registry's protocol that Core defines: its commands and their replies.</summary>
public interface IRegistryMessage;

/// <summary>A command to the model registry; <see cref="RegistryDecider"/> turns it into journal events and a reply.</summary>
public interface IRegistryCommand : IRegistryMessage;

/// <summary>Register a model that did not come from a run (a node's start-up model); it becomes the champion when there is none.</summary>
public sealed record ImportModel(string Version, ModelDescription Model, ModelMetrics? Metrics) : IRegistryCommand;

/// <summary>Open a training run; answered with <see cref="TrainingRunStarted"/>.</summary>
public sealed record StartTrainingRun(TrainingTrigger Trigger, IReadOnlyList<TrainingTrigger> Merged, string Mode) : IRegistryCommand;

/// <summary>Record the snapshot a run reads; answered with <see cref="RegistryAck"/>.</summary>
public sealed record RecordSnapshot(string RunId, TrainingSnapshot Snapshot, int TrainingExamples, int HoldoutExamples) : IRegistryCommand;

/// <summary>
/// Record a trained challenger, its evaluation beside the champion's, its permutation feature importance on the same
/// held-out examples, and the gate's verdict; answered with <see cref="TrainingRecorded"/>.
/// </summary>
public sealed record RecordTrainingResult(
    string RunId,
    ModelDescription Model,
    EvaluationReport Challenger,
    string? Champion,
    EvaluationReport? ChampionReport,
    GateDecision Decision,
    ImportanceReport? Importance = null) : IRegistryCommand;

/// <summary>Record a run that ended without a model; answered with <see cref="RegistryAck"/>.</summary>
public sealed record RecordTrainingFailure(string RunId, string Reason) : IRegistryCommand;

/// <summary>Serve a version: as the champion (full), or as the challenger (shadow, canary with a share); answered with <see cref="RegistryCommandResult"/>.</summary>
public sealed record PromoteModel(string Version, string Mode, double CanaryShare, string By) : IRegistryCommand;

/// <summary>Return the previous champion; answered with <see cref="RegistryCommandResult"/>.</summary>
public sealed record RollBackModel(string By) : IRegistryCommand;

/// <summary>A node's deployer reports that it serves a plan's model, or refused it (then <see cref="RefusalReason"/> says why). Not answered.</summary>
public sealed record ReportDeployment(string Version, string Node, long PlanRevision, string? RefusalReason) : IRegistryCommand;
