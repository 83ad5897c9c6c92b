using Akka.Hosting;
using StreamMl.Actors.Retraining;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;

namespace StreamMl.Cluster.Learning;

/// <summary>
/// Starts and resets online model versions: a new version's initial state (the spec's learner, empty, at the current
/// end of the label log) goes to the artifact store and its description to the registry; a reset is a record of the
/// label log, so every replica resets at the same point, and a lineage step in the registry.
/// </summary>
public sealed class OnlineModelControl(
    NodeSettings settings,
    CompiledSpec spec,
    ILearningLog log,
    IArtifactStore artifacts,
    IRequiredActor<ModelRegistryProxy> registry) : IOnlineModelControl
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public async Task<OnlineModelRegistered> StartAsync(string? serve, double canaryShare, string by, CancellationToken cancellationToken)
    {
        var online = spec.Spec.Model.Online ?? throw new InvalidOperationException("the spec has no online learner (model.online)");
        var start = await log.EndOffsetAsync(cancellationToken).ConfigureAwait(false);
        var learner = online.Learning();
        var initial = LearnerReplica.Start("initial", learner, LearnerSchema.FromSpec(spec), online.DuplicateWindow, start).Checkpoint();
        var sha = await artifacts.PutAsync(initial.Bytes, cancellationToken).ConfigureAwait(false);
        var description = Describe(settings, spec, online, sha, start);
        return await ActorAsk.Ask<OnlineModelRegistered>(await registry.GetAsync(cancellationToken), new StartOnlineModel(description, serve, canaryShare, by),
            "the model registry", AskTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ResetAsync(string version, string reason, CancellationToken cancellationToken)
    {
        var offset = await log.AppendAsync([new LearnerReset(version, reason, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())], cancellationToken).ConfigureAwait(false);
        await ActorAsk.Ask<RegistryAck>(await registry.GetAsync(cancellationToken), new RecordOnlineReset(version, offset, reason),
            "the model registry", AskTimeout, cancellationToken).ConfigureAwait(false);
        return offset;
    }

    /// <summary>The registry's description of an online version: the learner with every setting, the log and where it starts.</summary>
    public static ModelDescription Describe(NodeSettings settings, CompiledSpec spec, OnlineModelSpec online, string initialStateSha256, long startOffset)
    {
        var parameters = new SortedDictionary<string, double>(online.HyperParameters.ToDictionary(), StringComparer.Ordinal);
        return new ModelDescription(initialStateSha256, null, spec.Hash, TrainerActor.CodeVersion, online.Learner, parameters,
            unchecked((int)online.Seed), 0, Online: new OnlineDescription(online.Learner, parameters, online.Seed, online.LabelHistory,
                settings.Kafka.LearningTopic, startOffset, online.DuplicateWindow, online.OnDrift));
    }
}
