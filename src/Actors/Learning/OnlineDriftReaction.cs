using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Actors.Learning;

/// <summary>
/// What a drift alarm does to an online champion (<see cref="OnlineModelSpec.OnDrift"/>), a cluster singleton beside the
/// retraining coordinator. It reacts to alarms of the error detector on the global slice, the sign that the concept
/// changed: the alarms of <see cref="RetrainingSpec.DebounceSeconds"/> are merged into one reaction, and none follows
/// for <see cref="RetrainingSpec.CooldownSeconds"/>. <c>reset</c> appends a reset of the champion to the label log, so
/// every replica starts afresh at the same record; <c>background</c> starts a new version at the end of the log in
/// shadow, for the prequential gate to judge.
/// </summary>
public sealed class OnlineDriftReaction : ReceiveActor, IWithTimers
{
    public const string Name = "online-drift-reaction";

    private readonly CompiledSpec _spec;
    private readonly IOnlineModelControl _control;
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ServingPlan _plan = ServingPlan.Empty;
    private DriftAlarmObserved? _pending;
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CompiledSpec spec, IOnlineModelControl control, IActorRef registry) =>
        Akka.Actor.Props.Create(() => new OnlineDriftReaction(spec, control, registry));

    public OnlineDriftReaction(CompiledSpec spec, IOnlineModelControl control, IActorRef registry)
    {
        _spec = spec;
        _control = control;
        _registry = registry;
        Receive<SubscribeAck>(_ => { });
        Receive<ServingPlanChanged>(c => Consider(c.Plan));
        Receive<ServingPlan>(Consider);
        Receive<RegistryUnavailable>(_ => { });
        Receive<DriftAlarmObserved>(OnAlarm);
        Receive<React>(_ => ReactNow());
        Receive<Reacted>(r => _log.Info("Drift reaction: {0}", r.What));
        Receive<Status.Failure>(f => _log.Warning("A drift reaction failed: {0}", f.Cause.Message));
    }

    protected override void PreStart()
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        mediator.Tell(new Subscribe(RetrainingTopics.DriftAlarms, Self));
        mediator.Tell(new Subscribe(ServingTopics.ServingPlans, Self));
        _registry.Tell(GetServingPlan.Instance);
    }

    private void Consider(ServingPlan plan)
    {
        if (plan.Revision >= _plan.Revision) _plan = plan;
    }

    private void OnAlarm(DriftAlarmObserved alarm)
    {
        if (alarm.Slice != SliceKey.Global || alarm.Feature is not null) return;
        if (_plan.Champion?.Online is null || _spec.Spec.Model.Online?.OnDrift is not { } reaction || reaction == OnlineDriftReactions.Nothing) return;
        if (_pending is not null || DateTimeOffset.UtcNow < _quietUntil) return;
        _pending = alarm;
        Timers.StartSingleTimer("react", React.Instance, TimeSpan.FromSeconds(_spec.Spec.Retraining.DebounceSeconds));
    }

    private void ReactNow()
    {
        if (_pending is not { } alarm || _plan.Champion is not { Online: not null } champion) return;
        _pending = null;
        _quietUntil = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(_spec.Spec.Retraining.CooldownSeconds);
        var reason = $"drift alarm {alarm.AlarmId} ({alarm.Test})";
        switch (_spec.Spec.Model.Online!.OnDrift)
        {
            case OnlineDriftReactions.Reset:
                _control.ResetAsync(champion.Version, reason, CancellationToken.None)
                    .PipeTo(Self, success: offset => new Reacted($"reset {champion.Version} at label-log offset {offset} after {reason}"));
                break;
            case OnlineDriftReactions.Background when _plan.Challenger is { } challenger:
                _log.Info("Drift alarm {0}: no background learner started, challenger {1} already serves", alarm.AlarmId, challenger.Version);
                break;
            case OnlineDriftReactions.Background:
                _control.StartAsync(ServingModes.Shadow, 0, reason, CancellationToken.None)
                    .PipeTo(Self, success: r => new Reacted($"background learner {r.Version} started in shadow after {reason}"));
                break;
        }
    }

    private sealed record React
    {
        public static readonly React Instance = new();
    }

    private sealed record Reacted(string What);
}
