using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using StreamMl.Actors.Registry;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Explanations;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using StreamMl.Streams.Learning;

namespace StreamMl.Cluster.Learning;

/// <summary>
/// Checkpoints the online models this node learns, when it is the checkpoint writer: the oldest ingest node of the
/// cluster (one at a time; when it dies, the next oldest takes over from the last checkpoint recorded). Every
/// <see cref="OnlineModelSpec.CheckpointEveryLabels"/> records of the label log, or every
/// <see cref="OnlineModelSpec.CheckpointEverySeconds"/> when something was learnt, the replica's state goes to the
/// artifact store and the checkpoint (the log range since the previous one, the counts, the SHA-256) to the registry's
/// journal. Replicas are deterministic, so any node's state at an offset is the state at that offset.
/// </summary>
public sealed class OnlineCheckpointService(
    NodeSettings settings,
    CompiledSpec spec,
    ActorSystem system,
    OnlineReplicaHost replicas,
    IArtifactStore artifacts,
    IRequiredActor<ModelRegistryProxy> registry,
    ILogger<OnlineCheckpointService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The importance of a state is measured on at most this many of the records after it (the latest).</summary>
    private const int ImportanceWindow = 2000;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (long ToOffset, DateTimeOffset At, string Sha)> _last = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Online versions start from the spec's learner: without one there is nothing to checkpoint.
        if (spec.Spec.Model.Online is not { } online) return;
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!IsCheckpointWriter()) continue;
            foreach (var replica in replicas.Replicas)
            {
                try
                {
                    await CheckpointIfDue(replica, online, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Checkpointing model {Version} failed; trying again: {Reason}", replica.Version, e.Message);
                }
            }
        }
    }

    /// <summary>Whether this node is the oldest ingest node that is up.</summary>
    private bool IsCheckpointWriter()
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var oldest = cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(NodeRoles.Ingest))
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
        return oldest is not null && oldest.Address.Equals(cluster.SelfAddress);
    }

    private async Task CheckpointIfDue(LearnerReplica replica, OnlineModelSpec online, CancellationToken cancellationToken)
    {
        var proxy = await registry.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!_last.TryGetValue(replica.Version, out var last))
        {
            var entry = (await ActorAsk.Ask<ModelReply>(proxy, new GetModel(replica.Version), "the model registry", AskTimeout, cancellationToken)
                .ConfigureAwait(false)).Model;
            last = entry?.Online?.LastCheckpoint is { } previous
                ? (previous.ToOffset, DateTimeOffset.UtcNow, previous.StateSha256)
                : (replica.StartOffset, DateTimeOffset.UtcNow, entry?.Model.ArtifactSha256 ?? "");
            _last[replica.Version] = last;
        }
        var now = DateTimeOffset.UtcNow;
        var since = replica.Position - last.ToOffset;
        if (since <= 0 || (since < online.CheckpointEveryLabels && now - last.At < TimeSpan.FromSeconds(online.CheckpointEverySeconds))) return;
        var state = replica.Checkpoint();
        if (state.Position <= last.ToOffset) return;
        await artifacts.PutAsync(state.Bytes, cancellationToken).ConfigureAwait(false);
        var importance = await Importance(last.Sha, Math.Max(last.ToOffset, state.Position - ImportanceWindow), state.Position, cancellationToken)
            .ConfigureAwait(false);
        var checkpoint = new OnlineCheckpoint(last.ToOffset, state.Position, state.Updates, state.Duplicates, state.Resets, state.Sha256,
            state.Bytes.Length, NodeHost.NodeName(settings), importance);
        await ActorAsk.Ask<RegistryAck>(proxy, new RecordOnlineCheckpoint(replica.Version, checkpoint), "the model registry", AskTimeout, cancellationToken)
            .ConfigureAwait(false);
        _last[replica.Version] = (state.Position, now, state.Sha256);
        logger.LogInformation("Checkpoint of model {Version} at label-log offset {Offset}: {Updates} updates, {Bytes} bytes, SHA-256 {Sha}",
            replica.Version, state.Position, state.Updates, state.Bytes.Length, state.Sha256);
    }

    /// <summary>
    /// The importance of the previous state (<paramref name="sha"/>) on records it had not learnt, up to
    /// <paramref name="toOffset"/>; null when it cannot be measured (the checkpoint is recorded without it).
    /// </summary>
    private async Task<ImportanceReport?> Importance(string sha, long fromOffset, long toOffset, CancellationToken cancellationToken)
    {
        try
        {
            if (await artifacts.GetAsync(sha, cancellationToken).ConfigureAwait(false) is not { } previous) return null;
            var config = OnlineLearningServices.LogReader(settings, "importance", "importance");
            var records = await LearningLogReplay.ReadAsync(config, settings.Kafka.LearningTopic, fromOffset, toOffset, ReadTimeout, cancellationToken)
                .ConfigureAwait(false);
            return await Task.Run(() => WindowImportance.Measure(previous, spec, records), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The importance of a checkpoint could not be measured; recording the checkpoint without it: {Reason}", e.Message);
            return null;
        }
    }
}
