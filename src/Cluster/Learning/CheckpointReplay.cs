using System.Diagnostics;
using System.Text.Json;
using Akka.Hosting;
using StreamMl.Actors.Protocol;
using StreamMl.Actors.Registry;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using StreamMl.Streams.Learning;

namespace StreamMl.Cluster.Learning;

/// <summary>
/// Rebuilds a recorded checkpoint of an online version from the label log and checks its hash: from the version's
/// initial state (everything it ever learnt) or from the checkpoint before it (the range the checkpoint recorded).
/// </summary>
public sealed class CheckpointReplay(NodeSettings settings, CompiledSpec spec, IArtifactStore artifacts, IRequiredActor<ModelRegistryProxy> registry)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(10);

    /// <param name="toOffset">The checkpoint to rebuild, by its end offset; null for the latest.</param>
    /// <param name="fromPrevious">Start from the checkpoint before it instead of the initial state.</param>
    /// <exception cref="ReplayException">There is no such version or checkpoint, or a state is missing.</exception>
    public async Task<ReplayReport> RunAsync(string version, long? toOffset, bool fromPrevious, CancellationToken cancellationToken)
    {
        var proxy = await registry.GetAsync(cancellationToken).ConfigureAwait(false);
        var entry = (await ActorAsk.Ask<ModelReply>(proxy, new GetModel(version), "the model registry", AskTimeout, cancellationToken).ConfigureAwait(false)).Model;
        if (entry?.Model.Online is not { } online) throw new ReplayException(404, $"{version} is not an online model version");
        var steps = (await ActorAsk.Ask<LineageReply>(proxy, new GetLineage(version), "the model registry", AskTimeout, cancellationToken).ConfigureAwait(false)).Steps ?? [];
        var checkpoints = steps.Where(s => s.Kind == nameof(OnlineCheckpointRecorded))
            .Select(s => s.Event.Deserialize<OnlineCheckpointRecorded>(ProtocolSerializer.Options)!.Checkpoint).ToList();
        if (checkpoints.Count == 0) throw new ReplayException(404, $"model {version} has no checkpoint yet");
        var target = toOffset is { } offset ? checkpoints.Find(c => c.ToOffset == offset) : checkpoints[^1];
        if (target is null) throw new ReplayException(404, $"model {version} has no checkpoint at offset {toOffset}; its checkpoints end at {string.Join(", ", checkpoints.Select(c => c.ToOffset))}");
        var previous = checkpoints.LastOrDefault(c => c.ToOffset < target.ToOffset);
        var (fromSha, from) = fromPrevious && previous is not null ? (previous.StateSha256, $"checkpoint at offset {previous.ToOffset}") : (entry.Model.ArtifactSha256, "initial state");
        var bytes = await artifacts.GetAsync(fromSha, cancellationToken).ConfigureAwait(false)
            ?? throw new ReplayException(409, $"the {from} ({fromSha}) is not in the artifact store");
        if (LearnerReplica.Sha256Of(bytes) != fromSha) throw new ReplayException(409, $"the {from} does not match its SHA-256 {fromSha}");
        var replica = LearnerReplica.Restore(bytes, version, LearnerSchema.FromSpec(spec));
        var clock = Stopwatch.StartNew();
        var startedAt = replica.Position;
        var config = OnlineLearningServices.LogReader(settings, "replay", "replay");
        var read = await LearningLogReplay.ReplayAsync(config, online.LogTopic, replica, target.ToOffset, ReplayTimeout, cancellationToken).ConfigureAwait(false);
        var rebuilt = replica.Checkpoint();
        return new ReplayReport(version, from, startedAt, target, rebuilt.Position, rebuilt.Updates, rebuilt.Sha256,
            string.Equals(rebuilt.Sha256, target.StateSha256, StringComparison.OrdinalIgnoreCase), read, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }
}

/// <summary>A rebuilt checkpoint beside the recorded one.</summary>
/// <param name="From">What the replay started from: the initial state or the previous checkpoint.</param>
/// <param name="Matches">Whether the rebuilt state's SHA-256 is the recorded one.</param>
public sealed record ReplayReport(string Version, string From, long FromOffset, OnlineCheckpoint Recorded, long Position, long Updates, string Sha256,
    bool Matches, long RecordsRead, double Seconds);

/// <summary>A replay that cannot run: no such version or checkpoint (404), or a state missing from the artifact store (409).</summary>
public sealed class ReplayException(int status, string message) : Exception(message)
{
    public int Status => status;
}
