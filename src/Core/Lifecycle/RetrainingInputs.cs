namespace StreamMl.Core.Lifecycle;

/// <summary>Something the <see cref="RetrainingPolicy"/> is told, with the time it happened.</summary>
public abstract record RetrainingInput(DateTimeOffset At);

/// <summary>A request for a retraining run.</summary>
/// <param name="Kind">What asked for the run.</param>
/// <param name="AlarmId">The drift alarm behind a drift trigger; null for the other kinds.</param>
/// <param name="Detail">A human-readable account, e.g. "slice dayPart=night: error rate drift (Adwin)".</param>
/// <param name="At">When the trigger happened.</param>
public sealed record RetrainingTrigger(RetrainingTriggerKind Kind, string? AlarmId, string Detail, DateTimeOffset At) : RetrainingInput(At);

/// <summary>A run began; the policy's own decisions count as begun runs, so this reports runs started otherwise.</summary>
public sealed record TrainingStarted(DateTimeOffset At) : RetrainingInput(At);

/// <summary>The run in progress ended, whatever its outcome; the cool-down starts.</summary>
public sealed record TrainingFinished(DateTimeOffset At) : RetrainingInput(At);

/// <summary>The number of labelled examples seen so far (a running total, not an increment).</summary>
public sealed record LabelledExamplesSeen(long Total, DateTimeOffset At) : RetrainingInput(At);

/// <summary>Time passed; sent by the owner's timer at <see cref="RetrainingPolicy.NextDecisionAt"/>.</summary>
public sealed record Tick(DateTimeOffset At) : RetrainingInput(At);

/// <summary>The policy's decision to start a run.</summary>
/// <param name="Trigger">The run's trigger: the first operator request or drift alarm, else the first trigger.</param>
/// <param name="Merged">The other triggers merged into the run, in the order they came.</param>
public sealed record StartTraining(RetrainingTrigger Trigger, IReadOnlyList<RetrainingTrigger> Merged);

/// <summary>A run the policy has been asked for and has not yet started.</summary>
/// <param name="Trigger">The run's trigger so far.</param>
/// <param name="Merged">The other triggers merged into it so far, in the order they came.</param>
/// <param name="DebounceEndsAt">When its debounce window closes.</param>
public sealed record PendingRun(RetrainingTrigger Trigger, IReadOnlyList<RetrainingTrigger> Merged, DateTimeOffset DebounceEndsAt);
