using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using StreamMl.Actors.Alerts;
using StreamMl.Core.Contracts;
using StreamMl.Core.Registry;

namespace StreamMl.Actors.Models;

/// <summary>
/// The model registry: a cluster singleton whose journal is the lineage of every model. It records
/// training runs, registers versions, keeps the champion and challenger aliases, and publishes the
/// serving plan to every node whenever it changes.
/// </summary>
public sealed class ModelRegistryActor : ReceivePersistentActor
{
    public const string Id = "streamml-model-registry";

    private readonly RegistryState _state = new();
    private readonly Func<DateTimeOffset> _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public static Props Props(Func<DateTimeOffset>? clock = null) => Akka.Actor.Props.Create(() => new ModelRegistryActor(clock));

    public ModelRegistryActor(Func<DateTimeOffset>? clock)
    {
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Recover<IRegistryEvent>(e => _state.Apply(e, LastSequenceNr));
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Info("Model registry recovered: {0} versions, champion {1}, plan revision {2}",
                _state.Models.Count(), _state.Champion ?? "none", _state.PlanRevision);
            PublishPlan();
        });

        Command<ImportModel>(Import);
        Command<StartTrainingRun>(c =>
        {
            var runId = _state.NextRunId();
            var version = _state.NextVersion();
            var champion = _state.Plan.Champion;
            Record(new TrainingRequested(runId, version, c.Trigger, c.Merged, champion?.Version, c.Mode, _clock()),
                _ => Sender.Tell(new TrainingRunStarted(runId, version, champion)));
        });
        Command<RecordSnapshot>(c =>
        {
            if (!KnownRun(c.RunId)) return;
            Record(new TrainingSnapshotTaken(c.RunId, c.Snapshot, c.TrainingExamples, c.HoldoutExamples, _clock()), _ => Sender.Tell(RegistryAck.Instance));
        });
        Command<RecordTrainingFailure>(c =>
        {
            if (!KnownRun(c.RunId)) return;
            Record(new TrainingFailed(c.RunId, c.Reason, _clock()), e =>
            {
                Alert(new AlertRecord(ModelAlertKinds.TrainingFailed, "*", null, null, null, null, null, null, e.At, $"{c.RunId}: {c.Reason}"));
                Sender.Tell(RegistryAck.Instance);
            });
        });
        Command<RecordTrainingResult>(RecordResult);
        Command<PromoteModel>(c =>
        {
            if (_state.CheckPromotion(c.Version, c.Mode, c.CanaryShare) is { } refusal)
            {
                Sender.Tell(new RegistryCommandResult(refusal, _state.Plan));
                return;
            }
            Record(new ModelPromoted(c.Version, c.Mode, c.CanaryShare, _state.Champion, c.By, _clock()), _ =>
            {
                PublishPlan();
                Sender.Tell(new RegistryCommandResult(null, _state.Plan));
            });
        });
        Command<RollBackModel>(c =>
        {
            if (_state.CheckRollback() is { } refusal)
            {
                Sender.Tell(new RegistryCommandResult(refusal, _state.Plan));
                return;
            }
            Record(new ModelRolledBack(_state.Champion!, _state.PreviousChampions[^1], c.By, _clock()), _ =>
            {
                PublishPlan();
                Sender.Tell(new RegistryCommandResult(null, _state.Plan));
            });
        });
        Command<ReportDeployment>(c =>
        {
            var status = c.RefusalReason is null ? "deployed" : $"refused: {c.RefusalReason}";
            // A node re-reports on every plan it applies; only a change of its state on a current plan is news.
            if (!_state.IsDeploymentNews(c.Version, c.Node, c.PlanRevision, status)) return;
            if (c.RefusalReason is null)
            {
                Record(new ModelDeployed(c.Version, c.Node, c.PlanRevision, _clock()), _ => { });
                return;
            }
            Record(new ModelRefused(c.Version, c.Node, c.PlanRevision, c.RefusalReason, _clock()), e =>
                Alert(new AlertRecord(ModelAlertKinds.Refused, "*", null, null, null, null, null, null, e.At,
                    $"node {c.Node} refused model {c.Version}: {c.RefusalReason}", ModelVersion: c.Version)));
        });
        Command<GetModels>(_ => Sender.Tell(new ModelsReply(_state.Models.ToList(), _state.Champion, _state.Challenger,
            _state.Plan.Mode, _state.Plan.CanaryShare, _state.PlanRevision)));
        Command<GetModel>(c => Sender.Tell(new ModelReply(_state.Find(c.Version))));
        Command<GetLineage>(c => Sender.Tell(new LineageReply(c.Version, _state.Lineage(c.Version)?
            .Select(s => new LineageEntry(s.Sequence, s.Kind, JsonSerializer.SerializeToElement(s.Event, s.Event.GetType(), ModelProtocolSerializer.Options)))
            .ToList())));
        Command<GetServingPlan>(_ => Sender.Tell(_state.Plan));
    }

    public override string PersistenceId => Id;

    private void Import(ImportModel c)
    {
        if (_state.Find(c.Version) is { } known)
        {
            var same = string.Equals(known.Model.ArtifactSha256, c.Model.ArtifactSha256, StringComparison.OrdinalIgnoreCase);
            Sender.Tell(new ModelImportResult(same, same ? null : $"version {c.Version} is registered with SHA-256 {known.Model.ArtifactSha256}, not {c.Model.ArtifactSha256}", _state.Plan));
            return;
        }
        var at = _clock();
        var events = new List<IRegistryEvent> { new ModelImported(c.Version, c.Model, c.Metrics, at) };
        if (_state.Champion is null) events.Add(new ModelPromoted(c.Version, ServingModes.Full, 0, null, "import", at));
        var sender = Sender;
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            _state.Apply(e, LastSequenceNr);
            if (--remaining > 0) return;
            PublishPlan();
            sender.Tell(new ModelImportResult(true, null, _state.Plan));
        });
    }

    private void RecordResult(RecordTrainingResult c)
    {
        if (!KnownRun(c.RunId)) return;
        var version = _state.VersionOf(c.RunId)!;
        var at = _clock();
        IRegistryEvent[] events =
        [
            new ModelTrained(c.RunId, version, c.Model, at),
            new ModelEvaluated(c.RunId, version, c.Challenger, c.Champion, c.ChampionReport, at),
            new GateDecided(c.RunId, version, c.Decision, at),
        ];
        var sender = Sender;
        var remaining = events.Length;
        PersistAll(events, e =>
        {
            _state.Apply(e, LastSequenceNr);
            if (--remaining > 0) return;
            if (!c.Decision.Passed)
                Alert(new AlertRecord(ModelAlertKinds.Rejected, "*", null, c.Decision.Metric, c.Decision.ChallengerValue, c.Decision.ChampionValue,
                    null, null, at, $"model {version} ({c.RunId}) rejected: {string.Join("; ", c.Decision.Reasons)}", ModelVersion: version));
            sender.Tell(new TrainingRecorded(c.RunId, version, c.Decision.Passed));
        });
    }

    private bool KnownRun(string runId)
    {
        if (_state.HasRun(runId)) return true;
        _log.Warning("Ignoring a report for unknown training run {0}", runId);
        Sender.Tell(new Status.Failure(new InvalidOperationException($"unknown training run {runId}")));
        return false;
    }

    private void Record<T>(T e, Action<T> then) where T : class, IRegistryEvent =>
        Persist(e, persisted =>
        {
            _state.Apply(persisted, LastSequenceNr);
            then(persisted);
        });

    private void PublishPlan() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(ModelTopics.ServingPlans, new ServingPlanChanged(_state.Plan)));

    private void Alert(AlertRecord alert)
    {
        _log.Warning("{0}: {1}", alert.Kind, alert.Detail);
        Context.System.EventStream.Publish(new AlertRaised(alert.Kind, alert));
    }

}
