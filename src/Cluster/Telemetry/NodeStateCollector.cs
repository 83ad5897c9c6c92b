using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using StreamMl.Actors.Labels;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Cluster.Operations;
using StreamMl.Core.Operations;
using StreamMl.Core.Serving;

namespace StreamMl.Cluster.Telemetry;

/// <summary>
/// Reads, at each scrape, what is a state rather than a stream of happenings: the slice entities and label-join
/// buckets hosted here (asked through the local shard regions, which answer for this node only), the models served,
/// the pipelines' checkpoints, and the cluster-wide figures of the slice directory and the model timeline.
/// </summary>
public sealed class NodeStateCollector(NodeMetrics metrics, NodeSettings settings, ModelHost models, SliceDirectoryService directory, IServiceProvider services)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly (string Outcome, Func<Core.Labels.LabelJoinCounters, long> Read)[] JoinOutcomes =
    [
        ("joined", c => c.Joined), ("unknown_label", c => c.UnknownLabels), ("expired_prediction", c => c.ExpiredPredictions),
        ("evicted_prediction", c => c.LatePredictionsEvicted), ("duplicate_label", c => c.DuplicateLabels), ("duplicate_prediction", c => c.DuplicatePredictions),
    ];

    private readonly CounterDeltas _join = new();
    private HashSet<(string, string, string)> _served = [];

    public void Register() => metrics.Registry.AddBeforeCollectCallback(CollectAsync);

    private async Task CollectAsync(CancellationToken cancellationToken)
    {
        Served();
        Pipelines();
        Directory();
        if (settings.Cluster.EffectiveRoles.Contains(NodeRoles.Slices))
        {
            // A region that does not answer in time leaves the last values: a scrape must not hang on the cluster.
            try
            {
                await Slices(cancellationToken).ConfigureAwait(false);
                await LabelJoin(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested) { }
        }
    }

    private void Served()
    {
        var now = new HashSet<(string, string, string)>();
        if (models.Current is { } set)
        {
            now.Add((set.Champion.Version, "champion", set.Mode));
            if (set.Challenger is { } challenger) now.Add((challenger.Version, "challenger", set.Mode));
        }
        foreach (var (version, role, mode) in now) metrics.ServingModel.WithLabels(version, role, mode).Set(1);
        foreach (var (version, role, mode) in _served.Where(s => !now.Contains(s))) metrics.ServingModel.RemoveLabelled(version, role, mode);
        _served = now;
    }

    private void Pipelines()
    {
        if (services.GetService<NodeProducer>() is { } producer) metrics.ProducerReplacements.IncTo(producer.Replacements);
        if (services.GetService<IngestionService>() is { } events)
        {
            metrics.Checkpoints.WithLabels("events", "succeeded").IncTo(events.Counters.Checkpoints);
            metrics.Checkpoints.WithLabels("events", "failed").IncTo(events.Counters.FailedCheckpoints);
        }
        if (services.GetService<LabelIngestionService>() is { } labels)
        {
            metrics.Checkpoints.WithLabels("labels", "succeeded").IncTo(labels.Counters.Checkpoints);
            metrics.Checkpoints.WithLabels("labels", "failed").IncTo(labels.Counters.FailedCheckpoints);
        }
    }

    private void Directory()
    {
        var (slices, alarms, runs) = directory.Read((s, m) => (s.Count, s.ActiveAlarmsByTest(), m.Runs.ToDictionary()));
        metrics.SlicesKnown.Set(slices);
        foreach (var labels in metrics.DriftAlarmsActive.GetAllLabelValues().ToList())
            if (!alarms.ContainsKey(labels[0])) metrics.DriftAlarmsActive.WithLabels(labels).Set(0);
        foreach (var (test, count) in alarms) metrics.DriftAlarmsActive.WithLabels(test).Set(count);
        foreach (var (outcome, count) in runs) metrics.RetrainingRuns.WithLabels(outcome).IncTo(count);
    }

    private async Task Slices(CancellationToken cancellationToken)
    {
        var region = await services.GetRequiredService<IRequiredActor<SliceRegion>>().GetAsync(cancellationToken).ConfigureAwait(false);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
        metrics.SliceEntities.Set(state.Shards.Sum(s => s.EntityIds.Count));
    }

    private async Task LabelJoin(CancellationToken cancellationToken)
    {
        var region = await services.GetRequiredService<IRequiredActor<LabelJoinRegion>>().GetAsync(cancellationToken).ConfigureAwait(false);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
        var buckets = state.Shards.SelectMany(s => s.EntityIds).ToHashSet(StringComparer.Ordinal);
        var replies = await Task.WhenAll(buckets.Select(b =>
            region.Ask<LabelJoinCountersReply>(new GetLabelJoinCounters(b), AskTimeout, cancellationToken))).ConfigureAwait(false);
        foreach (var reply in replies)
            foreach (var (outcome, read) in JoinOutcomes)
                metrics.LabelJoin.WithLabels(outcome).Inc(_join.Increment($"{reply.Bucket}/{outcome}", read(reply.Counters)));
        _join.Keep(replies.SelectMany(r => JoinOutcomes.Select(o => $"{r.Bucket}/{o.Outcome}")).ToHashSet(StringComparer.Ordinal));
        metrics.LabelJoinPending.Set(replies.Sum(r => (long)r.PendingPredictions));
        metrics.LabelJoinWaitingLabels.Set(replies.Sum(r => (long)r.WaitingLabels));
        metrics.LabelJoinPendingBytes.Set(replies.Sum(r => r.PendingBytes));
    }
}
