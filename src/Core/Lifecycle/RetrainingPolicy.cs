using System.Globalization;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Lifecycle;

/// <summary>
/// Decides when to start a retraining run, from the triggers, training progress, labelled-example counts and
/// time it is told about. Pure and deterministic: it reads no clock, so the same inputs always give the same
/// decisions; its owner sends a <see cref="Tick"/> at <see cref="NextDecisionAt"/>. Not thread-safe.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Triggers of a kind the spec does not list are ignored; an operator request is always honoured.</item>
/// <item>The first trigger opens a debounce window of <see cref="RetrainingSpec.DebounceSeconds"/>. Every trigger until
/// the run starts (in the window or after it, while the run waits) is merged into that run. The run's trigger is the
/// first operator request or drift alarm, else the first trigger.</item>
/// <item>When the window has closed, no run is in progress and the cool-down of <see cref="RetrainingSpec.CooldownSeconds"/>
/// since the last finished run has passed, the policy decides <see cref="StartTraining"/>; until then the run waits.
/// A run with an operator request merged in skips the cool-down, but never starts while another is in progress.</item>
/// <item>The count trigger fires once <see cref="RetrainingSpec.EveryLabelledExamples"/> labelled examples arrived
/// since the last run started (or since the policy was created).</item>
/// <item>The schedule fires every <see cref="RetrainingSpec.ScheduleMinutes"/> from the policy's creation; missed
/// times give one trigger, not one each.</item>
/// <item>A decision counts as the start of a run: the run is in progress until <see cref="TrainingFinished"/>.</item>
/// <item>Time never runs backwards: an input dated before an earlier one is taken to happen at the later time.</item>
/// </list>
/// </remarks>
public sealed class RetrainingPolicy
{
    private readonly HashSet<RetrainingTriggerKind> _enabled;
    private readonly TimeSpan _debounce;
    private readonly TimeSpan _cooldown;
    private readonly long _everyLabelled;
    private readonly TimeSpan? _schedule;
    private readonly List<RetrainingTrigger> _pending = [];
    private DateTimeOffset _pendingDebounceEndsAt;
    private DateTimeOffset _now;
    private DateTimeOffset? _lastFinishedAt;
    private DateTimeOffset? _nextScheduleAt;
    private long _labelled;
    private long _labelledAtRunStart;
    private bool _countFired;

    /// <param name="spec">The spec's retraining section; it must have passed the spec's checks.</param>
    /// <param name="now">The time the policy starts at: the schedule counts from here.</param>
    /// <param name="labelledExamples">The labelled examples seen so far: the count trigger counts from here.</param>
    public RetrainingPolicy(RetrainingSpec spec, DateTimeOffset now, long labelledExamples = 0)
    {
        _enabled = spec.Triggers.Select(RetrainingTriggerKinds.Parse).OfType<RetrainingTriggerKind>().ToHashSet();
        _enabled.Add(RetrainingTriggerKind.Operator);
        _debounce = TimeSpan.FromSeconds(spec.DebounceSeconds);
        _cooldown = TimeSpan.FromSeconds(spec.CooldownSeconds);
        _everyLabelled = spec.EveryLabelledExamples;
        if (_enabled.Contains(RetrainingTriggerKind.Schedule) && spec.ScheduleMinutes > 0)
        {
            _schedule = TimeSpan.FromMinutes(spec.ScheduleMinutes);
            _nextScheduleAt = now + _schedule;
        }
        _now = now;
        _labelled = _labelledAtRunStart = labelledExamples;
    }

    /// <summary>Whether a run is in progress: decided (or reported started) and not yet finished.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The run waiting to start, or null.</summary>
    public PendingRun? Pending => _pending.Count == 0 ? null : new PendingRun(Primary(), Others(), _pendingDebounceEndsAt);

    /// <summary>Whether triggers of this kind are acted on (operator requests always are).</summary>
    public bool IsEnabled(RetrainingTriggerKind kind) => _enabled.Contains(kind);

    /// <summary>
    /// The earliest time a <see cref="Tick"/> could bring a decision or a trigger: the end of a waiting run's debounce
    /// or cool-down, or the next scheduled time. Null when only another input can change anything.
    /// </summary>
    public DateTimeOffset? NextDecisionAt
    {
        get
        {
            DateTimeOffset? next = _nextScheduleAt;
            if (_pending.Count > 0 && !IsRunning)
            {
                var ready = _pendingDebounceEndsAt;
                if (CooldownEndsAt() is { } cooldown && cooldown > ready) ready = cooldown;
                if (next is null || ready < next) next = ready;
            }
            return next;
        }
    }

    /// <summary>Takes in one input and returns the decision to start a run, when one is due at the input's time.</summary>
    public StartTraining? Handle(RetrainingInput input)
    {
        if (input.At > _now) _now = input.At;
        switch (input)
        {
            case RetrainingTrigger trigger:
                if (IsEnabled(trigger.Kind)) Add(trigger);
                break;
            case TrainingStarted:
                RunStarted();
                break;
            case TrainingFinished:
                IsRunning = false;
                _lastFinishedAt = _now;
                break;
            case LabelledExamplesSeen seen:
                // A total below the count at the last run start means the count was reset; count afresh from it.
                if (seen.Total < _labelledAtRunStart) _labelledAtRunStart = seen.Total;
                _labelled = seen.Total;
                break;
        }
        FireDue();
        return TryStart();
    }

    private void FireDue()
    {
        if (_nextScheduleAt is { } due && _now >= due)
        {
            var period = _schedule!.Value;
            var missed = (_now - due).Ticks / period.Ticks;
            _nextScheduleAt = due + period * (missed + 1);
            Add(new RetrainingTrigger(RetrainingTriggerKind.Schedule, null, $"scheduled every {period.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min", _now));
        }
        var arrived = _labelled - _labelledAtRunStart;
        if (IsEnabled(RetrainingTriggerKind.Count) && !_countFired && arrived >= _everyLabelled)
        {
            _countFired = true;
            Add(new RetrainingTrigger(RetrainingTriggerKind.Count, null, $"{arrived} labelled examples since the last run started", _now));
        }
    }

    private void Add(RetrainingTrigger trigger)
    {
        if (_pending.Count == 0) _pendingDebounceEndsAt = _now + _debounce;
        _pending.Add(trigger);
    }

    private StartTraining? TryStart()
    {
        if (_pending.Count == 0 || IsRunning || _now < _pendingDebounceEndsAt) return null;
        if (CooldownEndsAt() is { } cooldown && _now < cooldown) return null;
        var decision = new StartTraining(Primary(), Others());
        _pending.Clear();
        RunStarted();
        return decision;
    }

    private void RunStarted()
    {
        IsRunning = true;
        _labelledAtRunStart = _labelled;
        _countFired = false;
    }

    /// <summary>When the cool-down after the last run ends, or null when the waiting run need not wait for one.</summary>
    private DateTimeOffset? CooldownEndsAt() =>
        _lastFinishedAt is { } finished && !_pending.Exists(t => t.Kind == RetrainingTriggerKind.Operator) ? finished + _cooldown : null;

    /// <summary>The first operator request or drift alarm, else the first trigger.</summary>
    private int PrimaryIndex()
    {
        var index = _pending.FindIndex(t => t.Kind is RetrainingTriggerKind.Operator or RetrainingTriggerKind.Drift);
        return index < 0 ? 0 : index;
    }

    private RetrainingTrigger Primary() => _pending[PrimaryIndex()];

    private RetrainingTrigger[] Others()
    {
        var primary = PrimaryIndex();
        return _pending.Where((_, i) => i != primary).ToArray();
    }
}
