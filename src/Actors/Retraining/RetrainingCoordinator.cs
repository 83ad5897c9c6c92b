using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using StreamMl.Actors.Registry;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Retraining;

/// <summary>
/// The retraining coordinator, a cluster singleton on the trainer nodes. It feeds the spec's
/// <see cref="RetrainingPolicy"/> with drift alarms, the count of labelled examples in the shared
/// store, the schedule and operator requests; when the policy decides, it opens a run in the
/// registry, hands it to a trainer, and promotes the result when the gate blessed it and the spec
/// promotes automatically. One run at a time.
/// </summary>
public sealed class RetrainingCoordinator : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    /// <summary>A run that has not reported back by then is given up (its trainer may have died with its node).</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    /// <summary>How long to wait for a trainer to accept a run before asking again: a trainer that just started may
    /// not be known to the pub-sub mediator yet, and a request sent then is lost.</summary>
    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(3);
    private const int MaxRequests = 20;
    /// <summary>The run in progress while the registry opens it and its id is not known yet.</summary>
    private const string Opening = "(opening)";

    private readonly CompiledSpec _spec;
    private readonly IExampleStore _examples;
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RetrainingPolicy _policy = null!;
    private string? _runningRun;
    private int _runsStarted;
    private int _runsFinished;

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    public static Props Props(CompiledSpec spec, IExampleStore examples, IActorRef registry) =>
        Akka.Actor.Props.Create(() => new RetrainingCoordinator(spec, examples, registry));

    public RetrainingCoordinator(CompiledSpec spec, IExampleStore examples, IActorRef registry)
    {
        _spec = spec;
        _examples = examples;
        _registry = registry;
        Starting();
    }

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(RetrainingTopics.DriftAlarms, Self));
        ReadCount();
    }

    /// <summary>Until the store's count is known: a fresh coordinator must not mistake the examples already stored for new ones.</summary>
    private void Starting()
    {
        Receive<ExamplesCounted>(c =>
        {
            _policy = new RetrainingPolicy(_spec.Spec.Retraining, Now, c.Total);
            Become(Running);
            Stash.UnstashAll();
            Timers.StartPeriodicTimer("count", CountTick.Instance, CountInterval);
        });
        Receive<CountFailed>(f =>
        {
            _log.Warning("Reading the example count failed; retrying: {0}", f.Cause.Message);
            Timers.StartSingleTimer("retry-count", CountTick.Instance, CountInterval);
        });
        Receive<CountTick>(_ => ReadCount());
        Receive<SubscribeAck>(_ => { });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<SubscribeAck>(_ => { });
        Receive<CountTick>(_ => ReadCount());
        Receive<ExamplesCounted>(c => Decide(new LabelledExamplesSeen(c.Total, Now)));
        Receive<CountFailed>(f => _log.Warning("Reading the example count failed: {0}", f.Cause.Message));
        Receive<DecisionTick>(_ => Decide(new Tick(Now)));
        Receive<DriftAlarmObserved>(a => Decide(new RetrainingTrigger(RetrainingTriggerKind.Drift, a.AlarmId,
            $"drift alarm on slice {a.Slice}: {a.Feature ?? "error rate"} by {a.Test}", Now)));
        Receive<RequestRetraining>(r =>
        {
            Decide(new RetrainingTrigger(RetrainingTriggerKind.Operator, null, $"{r.Detail} ({r.By})", Now));
            Sender.Tell(Status());
        });
        Receive<GetRetrainingStatus>(_ => Sender.Tell(Status()));
        Receive<RunOpened>(OnRunOpened);
        Receive<TrainingRunAccepted>(a =>
        {
            if (a.RunId == _runningRun) Timers.Cancel("accept");
        });
        Receive<NotAccepted>(OnNotAccepted);
        Receive<TrainingRunFinished>(OnRunFinished);
        Receive<RunTimedOut>(t =>
        {
            if (t.RunId != _runningRun) return;
            _log.Error("Training run {0} did not report back within {1}; giving it up", t.RunId, RunTimeout);
            Finish();
        });
        Receive<RunOpenFailed>(f =>
        {
            _log.Error("Opening a training run failed: {0}", f.Cause.Message);
            Finish();
        });
        Receive<RegistryUnanswered>(f => _log.Error("The registry did not answer: {0}", f.What));
        Receive<RegistryAck>(_ => { });
        Receive<RegistryCommandResult>(r =>
        {
            if (r.Refusal is { } refusal) _log.Warning("Automatic promotion refused: {0}", refusal.Message);
            else _log.Info("Promoted: the champion is now {0} (plan {1})", r.Plan.Champion?.Version, r.Plan.Revision);
        });
    }

    private void Decide(RetrainingInput input)
    {
        // An online model's spec may name no trainer: then there are no batch runs to start.
        if (_spec.Spec.Model.Trainer is null) return;
        if (_policy.Handle(input) is { } start)
        {
            _runsStarted++;
            _runningRun = Opening;
            var mode = _spec.Spec.Retraining.Mode;
            _registry.Ask<TrainingRunStarted>(new StartTrainingRun(Persisted(start.Trigger), start.Merged.Select(Persisted).ToList(), mode), AskTimeout)
                .PipeTo(Self, success: started => new RunOpened(started, mode), failure: e => new RunOpenFailed(e));
        }
        if (_policy.NextDecisionAt is { } next)
            Timers.StartSingleTimer("decide", DecisionTick.Instance, Max(next - Now, TimeSpan.FromMilliseconds(10)));
    }

    private void OnRunOpened(RunOpened opened)
    {
        var run = opened.Started;
        _runningRun = run.RunId;
        _log.Info("Training run {0} opened for version {1}", run.RunId, run.Version);
        RequestTraining(new TrainModel(run.RunId, run.Version, run.Champion, opened.Mode), 1);
        Timers.StartSingleTimer("run-timeout", new RunTimedOut(run.RunId), RunTimeout);
    }

    private void RequestTraining(TrainModel command, int attempt)
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RetrainingTopics.Trainers, command, sendOneMessageToEachGroup: true));
        Timers.StartSingleTimer("accept", new NotAccepted(command, attempt), AcceptTimeout);
    }

    private void OnNotAccepted(NotAccepted silent)
    {
        if (silent.Command.RunId != _runningRun) return;
        if (silent.Attempt < MaxRequests)
        {
            _log.Warning("No trainer accepted training run {0} yet (request {1}); asking again", silent.Command.RunId, silent.Attempt);
            RequestTraining(silent.Command, silent.Attempt + 1);
            return;
        }
        var reason = $"no trainer accepted the run after {MaxRequests} requests over {(AcceptTimeout * MaxRequests).TotalSeconds:F0} s";
        _log.Error("Training run {0}: {1}", silent.Command.RunId, reason);
        Timers.Cancel("run-timeout");
        _registry.Ask<RegistryAck>(new RecordTrainingFailure(silent.Command.RunId, reason), AskTimeout)
            .PipeTo(Self, failure: _ => new RegistryUnanswered($"recording the failure of {silent.Command.RunId}"));
        Finish();
    }

    private void OnRunFinished(TrainingRunFinished finished)
    {
        if (finished.RunId != _runningRun) return;
        Timers.Cancel("run-timeout");
        Timers.Cancel("accept");
        if (finished.Failure is { } failure) _log.Warning("Training run {0} failed: {1}", finished.RunId, failure);
        else if (finished.Passed && _spec.Spec.Retraining.AutoPromote)
            // Beside an online champion no hold-out is fair to both: the challenger first serves in shadow, and the
            // prequential gate (PrequentialJudge) decides on what both predicted.
            _registry.Ask<RegistryCommandResult>(new PromoteModel(finished.Version!, finished.ChampionLearnsOnline ? ServingModes.Shadow : ServingModes.Full, 0, "gate"), AskTimeout)
                .PipeTo(Self, failure: _ => new RegistryUnanswered($"promoting {finished.Version}"));
        Finish();
    }

    private void Finish()
    {
        Timers.Cancel("accept");
        Timers.Cancel("run-timeout");
        _runningRun = null;
        _runsFinished++;
        Decide(new TrainingFinished(Now));
    }

    private RetrainingStatus Status() => new(
        _runningRun is not null ? "training" : _policy.Pending is not null ? "pending" : "idle",
        _runningRun, _policy.NextDecisionAt, _runsStarted, _runsFinished);

    private void ReadCount() =>
        _examples.LatestSequenceAsync(CancellationToken.None).ContinueWith<object>(
            t => t.IsFaulted ? new CountFailed(t.Exception!.GetBaseException()) : new ExamplesCounted(t.Result),
            TaskScheduler.Default).PipeTo(Self);

    private static TrainingTrigger Persisted(RetrainingTrigger t) =>
        new(RetrainingTriggerKinds.Name(t.Kind), t.AlarmId, t.Detail, t.At);

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record ExamplesCounted(long Total);

    private sealed record CountFailed(Exception Cause);

    private sealed record RunOpened(TrainingRunStarted Started, string Mode);

    private sealed record RunOpenFailed(Exception Cause);

    /// <summary>An ask of the registry that failed or timed out, other than opening a run.</summary>
    private sealed record RegistryUnanswered(string What);

    private sealed record RunTimedOut(string RunId);

    private sealed record NotAccepted(TrainModel Command, int Attempt);

    private sealed record CountTick
    {
        public static readonly CountTick Instance = new();
    }

    private sealed record DecisionTick
    {
        public static readonly DecisionTick Instance = new();
    }
}
