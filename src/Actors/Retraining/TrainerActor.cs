using System.Reflection;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Retraining;

/// <summary>
/// Runs training runs on a node with the trainer role, on a thread of its own so that ingestion never
/// waits for it. A run reads a snapshot of the latest labelled examples, trains the challenger (the
/// spec's pipeline afresh, or warm-started from the champion's weights), scores challenger and
/// champion on the snapshot's most recent examples held out from training, lets the gate judge,
/// stores the artifact content-addressed, and records every step in the registry.
/// </summary>
public sealed class TrainerActor : ReceiveActor
{
    public const string Name = "streamml-trainer";

    private static readonly TimeSpan RegistryTimeout = TimeSpan.FromSeconds(30);

    private readonly CompiledSpec _spec;
    private readonly IExampleStore _examples;
    private readonly IArtifactStore _artifacts;
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    /// <summary>The run in progress, if any.</summary>
    private string? _running;

    /// <summary>The StreamMl build that trains, as recorded in each model's lineage.</summary>
    public static string CodeVersion { get; } =
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelTrainer).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static Props Props(CompiledSpec spec, IExampleStore examples, IArtifactStore artifacts, IActorRef registry) =>
        Akka.Actor.Props.Create(() => new TrainerActor(spec, examples, artifacts, registry));

    public TrainerActor(CompiledSpec spec, IExampleStore examples, IArtifactStore artifacts, IActorRef registry)
    {
        _spec = spec;
        _examples = examples;
        _artifacts = artifacts;
        _registry = registry;
        Receive<SubscribeAck>(_ => { });
        Receive<TrainModel>(c =>
        {
            if (_running == c.RunId)
            {
                // The coordinator asked again before our acceptance reached it.
                Sender.Tell(new TrainingRunAccepted(c.RunId));
                return;
            }
            if (_running is not null)
            {
                Sender.Tell(new TrainingRunFinished(c.RunId, null, false, "the trainer is busy with another run"));
                return;
            }
            _running = c.RunId;
            var replyTo = Sender;
            replyTo.Tell(new TrainingRunAccepted(c.RunId));
            _log.Info("Training run {0} ({1}) for version {2} starts", c.RunId, c.Mode, c.Version);
            Task.Factory.StartNew(() => Run(c), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .Unwrap()
                .ContinueWith(t => new Finished(c, replyTo, t.IsFaulted ? null : t.Result, t.Exception?.GetBaseException()), TaskScheduler.Default)
                .PipeTo(Self);
        });
        Receive<Finished>(f =>
        {
            _running = null;
            if (f.Result is { } result)
            {
                _log.Info("Training run {0}: model {1} {2} the gate", f.Command.RunId, result.Version, result.Passed ? "passed" : "failed");
                f.ReplyTo.Tell(result);
                return;
            }
            var reason = f.Error is ModelTrainingException or ModelArtifactException ? f.Error.Message : $"{f.Error?.GetType().Name}: {f.Error?.Message}";
            _log.Warning("Training run {0} failed: {1}", f.Command.RunId, reason);
            _registry.Ask<RegistryAck>(new RecordTrainingFailure(f.Command.RunId, reason), RegistryTimeout)
                .ContinueWith(_ => new TrainingRunFinished(f.Command.RunId, null, false, reason), TaskScheduler.Default)
                .PipeTo(f.ReplyTo);
        });
    }

    /// <summary>One trainer of the group takes each run the coordinator publishes.</summary>
    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(RetrainingTopics.Trainers, Self, RetrainingTopics.TrainerGroup));

    private async Task<TrainingRunFinished> Run(TrainModel command)
    {
        var policy = _spec.Spec.Retraining;
        var latest = await _examples.LatestSequenceAsync(CancellationToken.None).ConfigureAwait(false);
        var rows = await _examples.ReadLatestAsync(policy.WindowExamples, latest, CancellationToken.None).ConfigureAwait(false);
        if (rows.Count < policy.MinimumExamples)
            throw new ModelTrainingException($"the example store holds {rows.Count} labelled examples; retraining needs at least {policy.MinimumExamples}");
        var snapshot = TrainingSnapshot.Of(rows);
        var (trainingCount, holdoutCount) = TrainingWorkflow.SplitCounts(_spec, rows.Count);
        await _registry.Ask<RegistryAck>(new RecordSnapshot(command.RunId, snapshot, trainingCount, holdoutCount), RegistryTimeout).ConfigureAwait(false);

        // An online champion learnt from the hold-out's labels as they came: judged on them it would win unfairly. The
        // challenger is judged alone here, and prequentially beside the champion once it serves in shadow.
        var championOnline = command.Champion?.Online is not null;
        var champion = command.Champion is { Online: null } planned ? await LoadChampion(planned).ConfigureAwait(false) : null;
        var result = TrainingWorkflow.TrainChallenger(_spec, rows.Select(r => r.Event).ToArray(), champion, command.Mode, command.Version);
        var artifactSha = await _artifacts.PutAsync(result.Package.Artifact.Bytes, CancellationToken.None).ConfigureAwait(false);
        var profileSha = await _artifacts.PutAsync(result.Package.Profile.ToBytes(), CancellationToken.None).ConfigureAwait(false);
        var challenger = result.Model;
        var summary = challenger.Training!;
        var description = new ModelDescription(artifactSha, profileSha, _spec.Hash, CodeVersion, summary.Trainer, summary.HyperParameters,
            summary.Seed, summary.ExampleCount, result.WarmStarted ? command.Champion!.Version : null);
        var recorded = await _registry.Ask<TrainingRecorded>(
            new RecordTrainingResult(command.RunId, description, result.Challenger, champion is null ? null : command.Champion?.Version, result.Champion, result.Decision,
                result.Importance),
            RegistryTimeout).ConfigureAwait(false);
        return new TrainingRunFinished(command.RunId, recorded.Version, recorded.Passed, null, championOnline);
    }

    private async Task<TrainedModel> LoadChampion(PlannedModel planned)
    {
        var bytes = await _artifacts.GetAsync(planned.ArtifactSha256, CancellationToken.None).ConfigureAwait(false)
            ?? throw new ModelArtifactException($"the champion's artifact {planned.ArtifactSha256} is not in the artifact store");
        return ModelArtifact.Load(bytes, planned.ArtifactSha256, _spec).Model;
    }

    private sealed record Finished(TrainModel Command, IActorRef ReplyTo, TrainingRunFinished? Result, Exception? Error);
}
