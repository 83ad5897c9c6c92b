using Akka.Hosting;
using Confluent.Kafka;
using StreamMl.Actors.Registry;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Operations;
using StreamMl.Core.Registry;
using StreamMl.Core.Serving;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using StreamMl.Streams.Learning;

namespace StreamMl.Cluster.Learning;

/// <summary>
/// This node's replicas of online model versions. A version is restored from its latest checkpoint in the registry
/// (its initial state before the first), checked against the state's SHA-256, and follows the label log from there;
/// it serves once it has caught up with the log as it was when it started (or after a minute, lagging visibly).
/// </summary>
public sealed class OnlineReplicaHost(
    NodeSettings settings,
    CompiledSpec spec,
    IArtifactStore artifacts,
    IRequiredActor<ModelRegistryProxy> registry,
    IServingMetrics metrics,
    ILogger<OnlineReplicaHost> logger) : IOnlineModelLoader, IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The replicas running now.</summary>
    public IReadOnlyList<LearnerReplica> Replicas
    {
        get
        {
            lock (_running) return _running.Values.Select(r => r.Model.Online!).ToList();
        }
    }

    /// <summary>The running replica of a version, or null.</summary>
    public LearnerReplica? Find(string version)
    {
        lock (_running) return _running.GetValueOrDefault(version)?.Model.Online;
    }

    /// <summary>Where this node's replica of a version started from (its initial state or a checkpoint), or null.</summary>
    public string? RestoredFrom(string version)
    {
        lock (_running) return _running.GetValueOrDefault(version)?.RestoredFrom;
    }

    public async Task<ServingModel> LoadAsync(PlannedModel planned, CancellationToken cancellationToken)
    {
        var online = planned.Online ?? throw new ModelArtifactException($"model {planned.Version} is not an online model");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_running)
                if (_running.TryGetValue(planned.Version, out var running)) return running.Model;
            var (sha, what) = await LatestState(planned, cancellationToken).ConfigureAwait(false);
            var bytes = await artifacts.GetAsync(sha, cancellationToken).ConfigureAwait(false)
                ?? throw new ModelArtifactException($"{what} {sha} of model {planned.Version} is not in the artifact store");
            if (!string.Equals(LearnerReplica.Sha256Of(bytes), sha, StringComparison.OrdinalIgnoreCase))
                throw new ModelArtifactException($"{what} of model {planned.Version}: the bytes do not match SHA-256 {sha}");
            LearnerReplica replica;
            try
            {
                replica = LearnerReplica.Restore(bytes, planned.Version, LearnerSchema.FromSpec(spec));
            }
            catch (LearnerStateException e)
            {
                throw new ModelArtifactException($"{what} of model {planned.Version}: {e.Message}");
            }
            if (replica.Spec.ToString() != online.LearnerSpec().ToString())
                throw new ModelArtifactException($"{what} of model {planned.Version} holds learner {replica.Spec}, not {online.LearnerSpec()}");
            var restoredAt = replica.Position;
            var follower = new LearningLogFollower(ConsumerConfig(), online.LogTopic, replica, metrics, logger);
            follower.Start();
            if (await Task.WhenAny(follower.CaughtUp, Task.Delay(CatchUpWait, cancellationToken)).ConfigureAwait(false) != follower.CaughtUp)
                logger.LogWarning("Model {Version} has not caught up with the label log after {Seconds} s ({Behind} labels behind); serving it anyway",
                    planned.Version, CatchUpWait.TotalSeconds, replica.LabelsBehind);
            logger.LogInformation("Model {Version} ({Learner}) restored from {What} at label-log offset {Position}, caught up to {Now}",
                planned.Version, replica.Spec, what, restoredAt, replica.Position);
            var model = new ServingModel(planned.Version, planned.ArtifactSha256, new OnlineScorer(replica));
            lock (_running) _running[planned.Version] = new Running(model, follower, what);
            return model;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAllExceptAsync(IReadOnlyCollection<string> keep)
    {
        List<Running> stopping;
        lock (_running)
        {
            stopping = _running.Where(r => !keep.Contains(r.Key)).Select(r => r.Value).ToList();
            foreach (var r in stopping) _running.Remove(r.Model.Version);
        }
        foreach (var r in stopping)
        {
            await r.Follower.DisposeAsync().ConfigureAwait(false);
            logger.LogInformation("Stopped following the label log for model {Version}", r.Model.Version);
        }
    }

    public Task StopAsync() => StopAllExceptAsync([]);

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>The state to restore: the latest checkpoint the registry knows, else the version's initial state.</summary>
    private async Task<(string Sha256, string What)> LatestState(PlannedModel planned, CancellationToken cancellationToken)
    {
        var reply = await ActorAsk.Ask<ModelReply>(await registry.GetAsync(cancellationToken), new GetModel(planned.Version), "the model registry",
            AskTimeout, cancellationToken).ConfigureAwait(false);
        return reply.Model?.Online?.LastCheckpoint is { } last
            ? (last.StateSha256, $"checkpoint at offset {last.ToOffset}")
            : (planned.ArtifactSha256, "initial state");
    }

    private ConsumerConfig ConsumerConfig() => OnlineLearningServices.LogReader(settings, "learners", "learner");

    private sealed record Running(ServingModel Model, LearningLogFollower Follower, string RestoredFrom);
}
