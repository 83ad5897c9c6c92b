using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.DistributedData;
using Akka.Event;
using StreamMl.Actors.Operations;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Serving;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Operations;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;

namespace StreamMl.Actors.Retraining;

/// <summary>
/// The prequential gate, a cluster singleton beside the retraining coordinator: when a challenger serves beside the
/// champion and either of them learns online, it waits until both have a closed window of labelled predictions on the
/// global slice (read from the replicated slice figures), judges the challenger with <see cref="PrequentialGate"/>,
/// records the verdict (a refused challenger is withdrawn) and, when the spec promotes automatically, promotes one that
/// passed. Each challenger is judged once.
/// </summary>
public sealed class PrequentialJudge : ReceiveActor, IWithTimers
{
    public const string Name = "prequential-judge";
    private static readonly TimeSpan JudgeInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly CompiledSpec _spec;
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IReadOnlyDictionary<string, SliceFigures>> _figures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _judged = new(StringComparer.Ordinal);
    private ServingPlan _plan = ServingPlan.Empty;
    private string? _judging;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CompiledSpec spec, IActorRef registry) => Akka.Actor.Props.Create(() => new PrequentialJudge(spec, registry));

    public PrequentialJudge(CompiledSpec spec, IActorRef registry)
    {
        _spec = spec;
        _registry = registry;
        Receive<SubscribeAck>(_ => { });
        Receive<Changed>(c => _figures[c.Key.Id] = c.Get((LWWDictionaryKey<string, SliceFigures>)c.Key).Entries);
        Receive<ServingPlanChanged>(c => Consider(c.Plan));
        Receive<ServingPlan>(Consider);
        Receive<RegistryUnavailable>(_ => { });
        Receive<Judge>(_ => JudgeChallenger());
        Receive<Judged>(OnJudged);
        Receive<RegistryCommandResult>(r =>
        {
            if (r.Refusal is { } refusal) _log.Warning("Promotion after the prequential gate refused: {0}", refusal.Message);
            else _log.Info("Promoted after the prequential gate: the champion is now {0}", r.Plan.Champion?.Version);
        });
        Receive<Status.Failure>(f =>
        {
            // Judge it again at the next tick.
            if (_judging is { } version) _judged.Remove(version);
            _judging = null;
            _log.Warning("Recording a prequential verdict failed: {0}", f.Cause.Message);
        });
    }

    protected override void PreStart()
    {
        var replicator = DistributedData.Get(Context.System).Replicator;
        foreach (var key in SliceFiguresKeys.All) replicator.Tell(Dsl.Subscribe(key, Self));
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Subscribe(ServingTopics.ServingPlans, Self));
        _registry.Tell(GetServingPlan.Instance);
        Timers.StartPeriodicTimer("judge", Judge.Instance, JudgeInterval);
    }

    private void Consider(ServingPlan plan)
    {
        if (plan.Revision >= _plan.Revision) _plan = plan;
    }

    private void JudgeChallenger()
    {
        if (_plan is not { Champion: { } champion, Challenger: { } challenger }) return;
        if (champion.Online is null && challenger.Online is null) return;
        if (_judged.Contains(challenger.Version)) return;
        if (PrequentialGate.Reports(_figures.Values.SelectMany(m => m), champion.Version, challenger.Version) is not { } reports) return;
        var decision = PrequentialGate.Decide(_spec.Spec.Gate, _spec.Spec.Label.Kind, reports.Champion, reports.Challenger);
        _judged.Add(challenger.Version);
        _judging = challenger.Version;
        _log.Info("Prequential gate on challenger {0} against {1}: {2} ({3})", challenger.Version, champion.Version,
            decision.Passed ? "passed" : "refused", string.Join("; ", decision.Reasons));
        var version = challenger.Version;
        _registry.Ask<RegistryAck>(new RecordPrequentialJudgement(version, champion.Version, reports.Challenger, reports.Champion, decision), AskTimeout)
            .PipeTo(Self, success: _ => new Judged(version, decision.Passed));
    }

    private void OnJudged(Judged judged)
    {
        _judging = null;
        if (!judged.Passed || !_spec.Spec.Retraining.AutoPromote) return;
        _registry.Ask<RegistryCommandResult>(new PromoteModel(judged.Version, ServingModes.Full, 0, "prequential gate"), AskTimeout).PipeTo(Self);
    }

    private sealed record Judge
    {
        public static readonly Judge Instance = new();
    }

    private sealed record Judged(string Version, bool Passed);
}
