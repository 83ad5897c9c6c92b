using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using StreamMl.Actors.Registry;
using StreamMl.Core.Serving;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Serving;

/// <summary>
/// Keeps this node serving the registry's plan. On every new plan it fetches the artifacts from the
/// shared store, checks each against its SHA-256 and the spec, and swaps the whole set into the
/// <see cref="ModelHost"/> at once. A model that fails to load is refused: the node keeps what it
/// serves, and the refusal is reported to the registry (which journals and alerts it).
/// </summary>
public sealed class ModelDeployer : ReceiveActor, IWithTimers
{
    public const string Name = "model-deployer";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private const int CachedModels = 4;

    private readonly ModelHost _host;
    private readonly IArtifactStore _store;
    private readonly CompiledSpec _spec;
    private readonly string _node;
    private readonly IActorRef _registry;
    private readonly IOnlineModelLoader? _online;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, ServingModel> _loaded = new(StringComparer.Ordinal);
    private long _appliedRevision;
    private ServingPlan? _pending;
    private bool _loading;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="online">Runs online models' replicas; null on a node that cannot (without Kafka), which refuses them.</param>
    public static Props Props(ModelHost host, IArtifactStore store, CompiledSpec spec, string node, IActorRef registry, IOnlineModelLoader? online = null) =>
        Akka.Actor.Props.Create(() => new ModelDeployer(host, store, spec, node, registry, online));

    public ModelDeployer(ModelHost host, IArtifactStore store, CompiledSpec spec, string node, IActorRef registry, IOnlineModelLoader? online)
    {
        _host = host;
        _store = store;
        _spec = spec;
        _node = node;
        _registry = registry;
        _online = online;
        if (host.Current is { } current) _loaded[current.Champion.Version] = current.Champion;

        Receive<ServingPlanChanged>(c => Consider(c.Plan));
        Receive<ServingPlan>(Consider);
        Receive<SubscribeAck>(_ => { });
        Receive<Poll>(_ => _registry.Tell(GetServingPlan.Instance));
        Receive<Loaded>(OnLoaded);
        Receive<Status.Failure>(f => _log.Warning("Asking the registry for the serving plan failed: {0}", f.Cause.Message));
        // The registry restarts after a failure; the next poll asks again.
        Receive<RegistryUnavailable>(_ => { });
    }

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(ServingTopics.ServingPlans, Self));
        // A published plan can be missed (the registry moving, a partition): asking now and then heals it.
        Self.Tell(Poll.Instance);
        Timers.StartPeriodicTimer("poll", Poll.Instance, PollInterval);
    }

    private void Consider(ServingPlan plan)
    {
        if (plan.Champion is null || plan.Revision <= _appliedRevision) return;
        if (_loading)
        {
            if (_pending is null || plan.Revision > _pending.Revision) _pending = plan;
            return;
        }
        _loading = true;
        var cached = new Dictionary<string, ServingModel>(_loaded, StringComparer.Ordinal);
        LoadAsync(plan, cached).PipeTo(Self);
    }

    private async Task<Loaded> LoadAsync(ServingPlan plan, Dictionary<string, ServingModel> cached)
    {
        var champion = await LoadOne(plan.Champion!, cached).ConfigureAwait(false);
        var challenger = plan.Challenger is { } c ? await LoadOne(c, cached).ConfigureAwait(false) : null;
        return new Loaded(plan, champion, challenger);
    }

    private async Task<LoadResult> LoadOne(PlannedModel planned, Dictionary<string, ServingModel> cached)
    {
        if (cached.TryGetValue(planned.Version, out var known) && string.Equals(known.Sha256, planned.ArtifactSha256, StringComparison.OrdinalIgnoreCase))
            return new LoadResult(planned, known, null);
        if (planned.Online is not null) return await LoadOnline(planned).ConfigureAwait(false);
        try
        {
            var bytes = await _store.GetAsync(planned.ArtifactSha256, CancellationToken.None).ConfigureAwait(false)
                ?? throw new ModelArtifactException($"artifact {planned.ArtifactSha256} is not in the artifact store");
            var artifact = ModelArtifact.Load(bytes, planned.ArtifactSha256, _spec);
            TrainingProfile? profile = null;
            if (planned.ProfileSha256 is { } profileSha)
            {
                var profileBytes = await _store.GetAsync(profileSha, CancellationToken.None).ConfigureAwait(false)
                    ?? throw new ModelArtifactException($"training profile {profileSha} is not in the artifact store");
                if (!string.Equals(ModelArtifact.Hash(profileBytes), profileSha, StringComparison.OrdinalIgnoreCase))
                    throw new ModelArtifactException($"training profile hash mismatch: expected SHA-256 {profileSha}");
                profile = TrainingProfile.FromBytes(profileBytes, profileSha);
            }
            return new LoadResult(planned, new ServingModel(planned.Version, artifact.Sha256, new ModelScorer(artifact.Model), profile), null);
        }
        catch (Exception e) when (e is ModelArtifactException or IOException or InvalidOperationException or System.Data.Common.DbException)
        {
            return new LoadResult(planned, null, e.Message);
        }
    }

    /// <summary>An online version: this node's replica of it, restored from its latest checkpoint and caught up with the label log.</summary>
    private async Task<LoadResult> LoadOnline(PlannedModel planned)
    {
        if (_online is null) return new LoadResult(planned, null, "this node cannot learn online: it has no Kafka bootstrap servers for the label log");
        try
        {
            return new LoadResult(planned, await _online.LoadAsync(planned, CancellationToken.None).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            // Whatever stops a replica from starting (a missing or corrupt state, the registry or broker out of reach)
            // is a refusal: the node keeps what it serves.
            return new LoadResult(planned, null, e.Message);
        }
    }

    private void OnLoaded(Loaded loaded)
    {
        _loading = false;
        // A node that serves nothing yet tries the plan again at the next poll rather than stay empty.
        if (loaded.Champion.Model is not null || _host.Current is not null) _appliedRevision = loaded.Plan.Revision;
        var current = _host.Current;
        var champion = loaded.Champion.Model ?? current?.Champion;
        if (champion is not null)
        {
            var challenger = loaded.Challenger?.Model;
            _host.Serve(new ServingSet(champion, challenger, challenger is null ? ServingModes.Full : loaded.Plan.Mode, loaded.Plan.CanaryShare, loaded.Plan.Revision));
            _log.Info("Serving plan {0}: champion {1}{2}", loaded.Plan.Revision, champion.Version,
                challenger is null ? "" : $", challenger {challenger.Version} ({loaded.Plan.Mode})");
        }
        foreach (var result in new[] { loaded.Champion, loaded.Challenger })
        {
            if (result is null) continue;
            if (result.Model is { } model) Remember(model);
            else _log.Error("Refused model {0}: {1}", result.Planned.Version, result.Refusal!);
            _registry.Tell(new ReportDeployment(result.Planned.Version, _node, loaded.Plan.Revision, result.Refusal));
        }
        StopUnplannedOnlineModels(loaded.Plan);
        if (_pending is { } next)
        {
            _pending = null;
            Consider(next);
        }
    }

    /// <summary>An online version out of the plan stops learning here (it would cost CPU for nothing); it restarts from its checkpoint if it comes back.</summary>
    private void StopUnplannedOnlineModels(ServingPlan plan)
    {
        if (_online is null) return;
        var keep = new[] { plan.Champion?.Version, plan.Challenger?.Version, _host.Current?.Champion.Version, _host.Current?.Challenger?.Version }
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var version in _loaded.Where(m => m.Value.Online is not null && !keep.Contains(m.Key)).Select(m => m.Key).ToList()) _loaded.Remove(version);
        _ = _online.StopAllExceptAsync(keep);
    }

    private void Remember(ServingModel model)
    {
        _loaded[model.Version] = model;
        if (_loaded.Count <= CachedModels) return;
        var keep = new HashSet<string?>(StringComparer.Ordinal) { _host.Current?.Champion.Version, _host.Current?.Challenger?.Version, model.Version };
        foreach (var version in _loaded.Keys.Where(v => !keep.Contains(v)).Take(_loaded.Count - CachedModels).ToList())
            _loaded.Remove(version);
    }

    private sealed record LoadResult(PlannedModel Planned, ServingModel? Model, string? Refusal);

    private sealed record Loaded(ServingPlan Plan, LoadResult Champion, LoadResult? Challenger);

    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }
}
