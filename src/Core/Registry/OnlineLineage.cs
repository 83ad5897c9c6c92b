using StreamMl.Core.Explanations;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Registry;

/// <summary>
/// What makes an online model version: its learner with every setting, the label log it learns from and the offset it
/// starts at. With the log, enough to rebuild any of its checkpoints.
/// </summary>
/// <param name="LogTopic">The label log (partition 0 of this topic).</param>
/// <param name="StartOffset">The first record of the log the version applies.</param>
/// <param name="DuplicateWindow">How many learnt event ids it remembers to skip a repeated label.</param>
/// <param name="OnDrift">What a drift alarm does to it (nothing, reset, background).</param>
public sealed record OnlineDescription(
    string Learner,
    IReadOnlyDictionary<string, double> HyperParameters,
    long Seed,
    int LabelHistory,
    string LogTopic,
    long StartOffset,
    int DuplicateWindow,
    string OnDrift)
{
    public OnlineLearnerSpec LearnerSpec() =>
        new() { Learner = Learner, HyperParameters = new SortedDictionary<string, double>(HyperParameters.ToDictionary(), StringComparer.Ordinal), Seed = Seed, LabelHistory = LabelHistory };
}

/// <summary>
/// A checkpoint of an online version: its state after applying the label log up to (not including)
/// <see cref="ToOffset"/>, stored in the artifact store under <see cref="StateSha256"/>.
/// </summary>
/// <param name="FromOffset">The previous checkpoint's <see cref="ToOffset"/> (the version's start for the first): the records learnt since.</param>
/// <param name="Updates">Examples learnt since the version started.</param>
/// <param name="Node">The node that wrote it.</param>
/// <param name="Importance">
/// The previous checkpoint's (or the initial state's) permutation feature importance on the records learnt since
/// (<see cref="OnlineLearning.WindowImportance"/>): a window it answered before learning it. Null when none could be measured.
/// </param>
public sealed record OnlineCheckpoint(
    long FromOffset,
    long ToOffset,
    long Updates,
    long Duplicates,
    long Resets,
    string StateSha256,
    long Bytes,
    string Node,
    ImportanceReport? Importance = null);

/// <summary>Start an online version (answered with <see cref="OnlineModelRegistered"/>).</summary>
/// <param name="Serve">
/// How it serves: null to become the champion only when there is none (a node's start-up), else a serving mode
/// (full, shadow, canary).
/// </param>
public sealed record StartOnlineModel(ModelDescription Model, string? Serve, double CanaryShare, string By) : IRegistryCommand;

/// <summary>Record a checkpoint of an online version; answered with <see cref="RegistryAck"/> (a checkpoint not past the last is ignored).</summary>
public sealed record RecordOnlineCheckpoint(string Version, OnlineCheckpoint Checkpoint) : IRegistryCommand;

/// <summary>Record a reset of an online version at a log offset; answered with <see cref="RegistryAck"/>.</summary>
public sealed record RecordOnlineReset(string Version, long LogOffset, string Reason) : IRegistryCommand;

/// <summary>
/// Record the prequential gate's verdict on a challenger serving beside the champion (when either learns online);
/// answered with <see cref="RegistryAck"/>. A challenger is judged once: a second verdict is ignored.
/// </summary>
public sealed record RecordPrequentialJudgement(string Version, string Champion, EvaluationReport Challenger, EvaluationReport ChampionReport, GateDecision Decision)
    : IRegistryCommand;

/// <summary>The version an online model got (or the champion already serving, at a node's start-up), and the plan.</summary>
public sealed record OnlineModelRegistered(string Version, bool Started, ServingPlan Plan) : IRegistryMessage;

/// <summary>An online version began: <see cref="ModelDescription.Online"/> says what it is and where in the log it starts.</summary>
public sealed record OnlineModelStarted(string Version, ModelDescription Model, string By, DateTimeOffset At) : IRegistryEvent;

/// <summary>An online version's state at a log offset, stored and hashed.</summary>
public sealed record OnlineCheckpointRecorded(string Version, OnlineCheckpoint Checkpoint, DateTimeOffset At) : IRegistryEvent;

/// <summary>A drift alarm reset an online version: the reset record is at <see cref="LogOffset"/> of the log.</summary>
public sealed record OnlineModelReset(string Version, long LogOffset, string Reason, DateTimeOffset At) : IRegistryEvent;

/// <summary>
/// The prequential gate judged a challenger serving beside the champion: both versions' quality over their latest
/// closed window of labelled predictions, overall and per slice. A refused challenger stops serving.
/// </summary>
public sealed record ChallengerJudged(string Version, string Champion, EvaluationReport Challenger, EvaluationReport ChampionReport,
    GateDecision Decision, DateTimeOffset At) : IRegistryEvent;

/// <summary>What the registry knows of an online version's learning: its last checkpoint and how often it was reset.</summary>
public sealed record OnlineProgress(OnlineCheckpoint? LastCheckpoint, int Checkpoints, int Resets)
{
    public static readonly OnlineProgress None = new(null, 0, 0);

    public OnlineProgress Checkpointed(OnlineCheckpoint checkpoint) => this with { LastCheckpoint = checkpoint, Checkpoints = Checkpoints + 1 };

    public OnlineProgress Reset() => this with { Resets = Resets + 1 };
}
