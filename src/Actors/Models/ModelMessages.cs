using System.Text.Json;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Models;

/// <summary>Marker of every message of the model lifecycle that may cross the cluster (one serializer binds them).</summary>
public interface IModelProtocol;

/// <summary>The distributed pub-sub topics of the model lifecycle.</summary>
public static class ModelTopics
{
    /// <summary>Serving plans, published by the registry to every node's deployer.</summary>
    public const string ServingPlans = "streamml.serving-plans";
    /// <summary>Drift alarms, published by the slices for the retraining coordinator.</summary>
    public const string DriftAlarms = "streamml.drift-alarms";
    /// <summary>The path trainers register under with the mediator.</summary>
    public const string TrainerPath = "/user/streamml-trainer";
}

// ---- Registry commands and replies ----

/// <summary>Register a model that did not come from a run (a node's start-up model); it becomes the champion when there is none.</summary>
public sealed record ImportModel(string Version, ModelDescription Model, ModelMetrics? Metrics) : IModelProtocol;

/// <summary>Whether an import was taken (or already known with the same bytes) and why not.</summary>
public sealed record ModelImportResult(bool Accepted, string? Reason, ServingPlan Plan) : IModelProtocol;

/// <summary>Open a training run; answered with <see cref="TrainingRunStarted"/>.</summary>
public sealed record StartTrainingRun(TrainingTrigger Trigger, IReadOnlyList<TrainingTrigger> Merged, string Mode) : IModelProtocol;

public sealed record TrainingRunStarted(string RunId, string Version, PlannedModel? Champion) : IModelProtocol;

/// <summary>Record the snapshot a run reads; answered with <see cref="RegistryAck"/>.</summary>
public sealed record RecordSnapshot(string RunId, TrainingSnapshot Snapshot, int TrainingExamples, int HoldoutExamples) : IModelProtocol;

/// <summary>Record a trained challenger, its evaluation beside the champion's and the gate's verdict; answered with <see cref="TrainingRecorded"/>.</summary>
public sealed record RecordTrainingResult(
    string RunId,
    ModelDescription Model,
    EvaluationReport Challenger,
    string? Champion,
    EvaluationReport? ChampionReport,
    GateDecision Decision) : IModelProtocol;

public sealed record TrainingRecorded(string RunId, string Version, bool Passed) : IModelProtocol;

/// <summary>Record a run that ended without a model; answered with <see cref="RegistryAck"/>.</summary>
public sealed record RecordTrainingFailure(string RunId, string Reason) : IModelProtocol;

/// <summary>The answer to any request while the registry restarts after a failure (its database unreachable, say).</summary>
public sealed record RegistryUnavailable : IModelProtocol
{
    public static readonly RegistryUnavailable Instance = new();
}

public sealed record RegistryAck : IModelProtocol
{
    public static readonly RegistryAck Instance = new();
}

/// <summary>Serve a version: as the champion (full), or as the challenger (shadow, canary with a share).</summary>
public sealed record PromoteModel(string Version, string Mode, double CanaryShare, string By) : IModelProtocol;

/// <summary>Return the previous champion.</summary>
public sealed record RollBackModel(string By) : IModelProtocol;

/// <summary>The answer to a promotion or rollback: the new plan, or why not.</summary>
public sealed record RegistryCommandResult(RegistryRefusal? Refusal, ServingPlan Plan) : IModelProtocol;

/// <summary>A node's deployer reports that it serves a plan's model, or refused it (then <see cref="RefusalReason"/> says why).</summary>
public sealed record ReportDeployment(string Version, string Node, long PlanRevision, string? RefusalReason) : IModelProtocol;

public sealed record GetModels : IModelProtocol
{
    public static readonly GetModels Instance = new();
}

public sealed record ModelsReply(IReadOnlyList<ModelEntry> Models, string? Champion, string? Challenger, string Mode, double CanaryShare, long PlanRevision) : IModelProtocol;

public sealed record GetModel(string Version) : IModelProtocol;

public sealed record ModelReply(ModelEntry? Model) : IModelProtocol;

public sealed record GetLineage(string Version) : IModelProtocol;

/// <summary>A lineage step as JSON: the journal event with its sequence number and kind.</summary>
public sealed record LineageEntry(long Sequence, string Kind, JsonElement Event);

/// <summary>A version's lineage, in journal order; null steps for an unknown version.</summary>
public sealed record LineageReply(string Version, IReadOnlyList<LineageEntry>? Steps) : IModelProtocol;

public sealed record GetServingPlan : IModelProtocol
{
    public static readonly GetServingPlan Instance = new();
}

/// <summary>Published to every deployer whenever the plan changes.</summary>
public sealed record ServingPlanChanged(ServingPlan Plan) : IModelProtocol;

// ---- Retraining ----

/// <summary>A drift alarm raised by a slice, for the retraining coordinator.</summary>
public sealed record DriftAlarmObserved(string AlarmId, string Slice, string? Feature, string Test, DateTimeOffset At) : IModelProtocol;

/// <summary>An operator asks for a training run.</summary>
public sealed record RequestRetraining(string By, string Detail) : IModelProtocol;

/// <summary>Ask the coordinator what it is doing; answered with <see cref="RetrainingStatus"/>.</summary>
public sealed record GetRetrainingStatus : IModelProtocol
{
    public static readonly GetRetrainingStatus Instance = new();
}

public sealed record RetrainingStatus(string State, string? RunningRun, DateTimeOffset? NextDecisionAt, int RunsStarted, int RunsFinished) : IModelProtocol;

/// <summary>The coordinator asks a trainer to run a training run.</summary>
public sealed record TrainModel(string RunId, string Version, PlannedModel? Champion, string Mode) : IModelProtocol;

/// <summary>A trainer took a run (sent at once, so that the coordinator knows its request arrived).</summary>
public sealed record TrainingRunAccepted(string RunId) : IModelProtocol;

/// <summary>A trainer's answer: the version registered and whether the gate passed it, or why the run failed.</summary>
public sealed record TrainingRunFinished(string RunId, string? Version, bool Passed, string? Failure) : IModelProtocol;
