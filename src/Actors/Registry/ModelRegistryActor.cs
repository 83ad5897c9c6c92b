using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using StreamMl.Actors.Alerts;
using StreamMl.Actors.Protocol;
using StreamMl.Actors.Serving;
using StreamMl.Core.Registry;

namespace StreamMl.Actors.Registry;

/// <summary>
/// The model registry: a cluster singleton whose journal is the lineage of every model. Its decisions are
/// <see cref="RegistryDecider"/>'s; it persists their events, applies them to its <see cref="RegistryState"/>,
/// replies, raises their alerts, publishes the serving plan to every node whenever it changes, and snapshots its
/// lineage every hundred events.
/// </summary>
public sealed class ModelRegistryActor : ReceivePersistentActor
{
    public const string Id = "streamml-model-registry";
    private const int SnapshotEvery = 100;

    private readonly Func<DateTimeOffset> _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RegistryState _state = new();

    public static Props Props(Func<DateTimeOffset>? clock = null) => Akka.Actor.Props.Create(() => new ModelRegistryActor(clock));

    public ModelRegistryActor(Func<DateTimeOffset>? clock)
    {
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Recover<SnapshotOffer>(offer => _state = Restore((RegistrySnapshot)offer.Snapshot));
        Recover<IRegistryEvent>(e => _state.Apply(e, LastSequenceNr));
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Info("Model registry recovered: {0} versions, champion {1}, plan revision {2}",
                _state.Models.Count(), _state.Champion ?? "none", _state.PlanRevision);
            PublishPlan();
        });

        Command<IRegistryCommand>(Handle);
        Command<GetModels>(_ => Sender.Tell(new ModelsReply(_state.Models.ToList(), _state.Champion, _state.Challenger,
            _state.Plan.Mode, _state.Plan.CanaryShare, _state.PlanRevision)));
        Command<GetModel>(c => Sender.Tell(new ModelReply(_state.Find(c.Version))));
        Command<GetLineage>(c => Sender.Tell(new LineageReply(c.Version, _state.Lineage(c.Version)?
            .Select(s => new LineageEntry(s.Sequence, s.Kind, JsonSerializer.SerializeToElement(s.Event, s.Event.GetType(), ProtocolSerializer.Options)))
            .ToList())));
        Command<GetServingPlan>(_ => Sender.Tell(_state.Plan));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("Registry snapshot failed (the journal still has every event): {0}", f.Cause.Message));
    }

    public override string PersistenceId => Id;

    private void Handle(IRegistryCommand command)
    {
        var decision = RegistryDecider.Decide(_state, command, _clock());
        var sender = Sender;
        if (decision.Failure is { } failure)
        {
            _log.Warning("Refusing {0}: {1}", command.GetType().Name, failure);
            sender.Tell(new Status.Failure(new InvalidOperationException(failure)));
            return;
        }
        if (decision.Events.Count == 0)
        {
            Reply(sender, decision.Reply(_state));
            return;
        }
        var revision = _state.PlanRevision;
        var remaining = decision.Events.Count;
        PersistAll(decision.Events, e =>
        {
            _state.Apply(e, LastSequenceNr);
            if (RegistryDecider.AlertFor(e) is { } alert)
            {
                _log.Warning("{0}: {1}", alert.Alert.Kind, alert.Alert.Detail);
                Context.System.EventStream.Publish(new AlertRaised(alert.Key, alert.Alert));
            }
            if (LastSequenceNr % SnapshotEvery == 0)
                SaveSnapshot(new RegistrySnapshot(_state.History().Select(s => RegistryProtocolSerializer.ToSnapshot(s.Sequence, s.Event)).ToList()));
            if (--remaining > 0) return;
            if (_state.PlanRevision != revision) PublishPlan();
            Reply(sender, decision.Reply(_state));
        });
    }

    private static RegistryState Restore(RegistrySnapshot snapshot) =>
        RegistryState.Replay(snapshot.Events.Select(e =>
        {
            var restored = RegistryProtocolSerializer.FromSnapshot(e);
            return new LineageStep(e.Sequence, RegistryState.KindOf(restored), restored);
        }));

    private static void Reply(IActorRef sender, object? reply)
    {
        if (reply is not null) sender.Tell(reply);
    }

    private void PublishPlan() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(ServingTopics.ServingPlans, new ServingPlanChanged(_state.Plan)));
}
