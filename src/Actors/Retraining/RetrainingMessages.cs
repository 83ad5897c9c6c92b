using StreamMl.Core.Registry;

namespace StreamMl.Actors.Retraining;

/// <summary>A message of the retraining protocol: drift alarms in, operator requests, runs handed to trainers and their outcome.</summary>
public interface IRetrainingProtocol;

/// <summary>The distributed pub-sub topics of retraining.</summary>
public static class RetrainingTopics
{
    /// <summary>Drift alarms, published by the slices' nodes for the retraining coordinator.</summary>
    public const string DriftAlarms = "streamml.drift-alarms";
    /// <summary>Training runs, published by the coordinator to one trainer of the <see cref="TrainerGroup"/>.</summary>
    public const string Trainers = "streamml.trainers";
    /// <summary>The subscriber group of every trainer: a run published once reaches one of them.</summary>
    public const string TrainerGroup = "trainers";
}

/// <summary>A drift alarm raised by a slice, for the retraining coordinator.</summary>
public sealed record DriftAlarmObserved(string AlarmId, string Slice, string? Feature, string Test, DateTimeOffset At) : IRetrainingProtocol;

/// <summary>An operator asks for a training run; answered with <see cref="RetrainingStatus"/>.</summary>
public sealed record RequestRetraining(string By, string Detail) : IRetrainingProtocol;

/// <summary>Ask the coordinator what it is doing; answered with <see cref="RetrainingStatus"/>.</summary>
public sealed record GetRetrainingStatus : IRetrainingProtocol
{
    public static readonly GetRetrainingStatus Instance = new();
}

public sealed record RetrainingStatus(string State, string? RunningRun, DateTimeOffset? NextDecisionAt, int RunsStarted, int RunsFinished) : IRetrainingProtocol;

/// <summary>The coordinator asks a trainer to run a training run.</summary>
public sealed record TrainModel(string RunId, string Version, PlannedModel? Champion, string Mode) : IRetrainingProtocol;

/// <summary>A trainer took a run (sent at once, so that the coordinator knows its request arrived).</summary>
public sealed record TrainingRunAccepted(string RunId) : IRetrainingProtocol;

/// <summary>A trainer's answer: the version registered and whether the gate passed it, or why the run failed.</summary>
/// <param name="ChampionLearnsOnline">The champion is an online model: the challenger was judged on the hold-out alone.</param>
public sealed record TrainingRunFinished(string RunId, string? Version, bool Passed, string? Failure, bool ChampionLearnsOnline = false) : IRetrainingProtocol;
