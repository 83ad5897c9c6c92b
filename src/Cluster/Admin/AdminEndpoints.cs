using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Cluster.Operations;
using StreamMl.Core.Labels;

namespace StreamMl.Cluster.Admin;

/// <summary>The operator endpoint: health, cluster membership, shards, one slice's statistics and the label join.</summary>
public static class AdminEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app)
    {
        app.MapGet("/health", (IServiceProvider services) =>
        {
            var ingestion = services.GetService<IngestionService>();
            return Results.Json(new
            {
                status = "ok",
                ingestion = ingestion is null ? null : new
                {
                    consumed = ingestion.Counters.Consumed,
                    predictions = ingestion.Counters.Answered,
                    deadLetters = ingestion.Counters.DeadLetters,
                },
                warmStart = services.GetService<WarmStart>()?.Report,
            });
        });
        app.MapGet("/cluster", (ActorSystem system) => Results.Json(ClusterView.Of(system)));
        app.MapGet("/shards", ShardDistribution);
        app.MapGet("/slices/{id}", GetSlice);
        app.MapGet("/labels", LabelCounters);
    }

    /// <summary>
    /// The label join's counters summed over every bucket (each since it started, wherever it runs), what waits in
    /// the buckets now, and this node's label consumer. 503 when a bucket does not answer: a partial sum would
    /// pass for a whole one.
    /// </summary>
    private static async Task<IResult> LabelCounters(IServiceProvider services, NodeSettings settings, IRequiredActor<LabelJoinRegion> region, CancellationToken ct)
    {
        var shardRegion = await region.GetAsync(ct);
        var asks = Enumerable.Range(0, settings.Labels.Buckets)
            .Select(i => shardRegion.Ask<LabelJoinCountersReply>(new GetLabelJoinCounters(LabelBuckets.Name(i)), AskTimeout, ct))
            .ToList();
        try
        {
            await Task.WhenAll(asks);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            var silent = asks.Select((t, i) => (t, i)).Where(a => !a.t.IsCompletedSuccessfully).Select(a => LabelBuckets.Name(a.i)).ToList();
            return Results.Json(new { error = $"{silent.Count} label-join bucket(s) did not answer within {AskTimeout.TotalSeconds:0} s: {string.Join(", ", silent.Take(10))}" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var replies = asks.Select(t => t.Result).ToList();
        var labels = services.GetService<LabelIngestionService>();
        return Results.Json(new
        {
            buckets = replies.Count,
            join = new
            {
                joined = replies.Sum(r => r.Counters.Joined),
                unknownLabels = replies.Sum(r => r.Counters.UnknownLabels),
                expiredPredictions = replies.Sum(r => r.Counters.ExpiredPredictions),
                latePredictionsEvicted = replies.Sum(r => r.Counters.LatePredictionsEvicted),
                duplicateLabels = replies.Sum(r => r.Counters.DuplicateLabels),
                duplicatePredictions = replies.Sum(r => r.Counters.DuplicatePredictions),
                pendingPredictions = replies.Sum(r => (long)r.PendingPredictions),
                waitingLabels = replies.Sum(r => (long)r.WaitingLabels),
                pendingBytes = replies.Sum(r => r.PendingBytes),
            },
            ingestion = labels is null ? null : new
            {
                consumed = labels.Consumed,
                joined = labels.Joined,
                deadLetters = labels.DeadLetters,
            },
        });
    }

    private static async Task<IResult> ShardDistribution(IRequiredActor<SliceRegion> region, CancellationToken ct)
    {
        var shardRegion = await region.GetAsync(ct);
        var stats = await ActorAsk.Ask<ClusterShardingStats>(shardRegion, new GetClusterShardingStats(AskTimeout), "cluster sharding", AskTimeout + AskTimeout, ct);
        return Results.Json(stats.Regions.Select(r => new
        {
            node = r.Key.ToString(),
            shards = r.Value.Stats.Count,
            entities = r.Value.Stats.Values.Sum(),
        }).OrderBy(r => r.node, StringComparer.Ordinal));
    }

    private static async Task<IResult> GetSlice(string id, SliceDirectoryService directory, IRequiredActor<SliceRegion> region, CancellationToken ct)
    {
        // Asking an entity creates it: only ask slices that have recorded something.
        await SliceEndpoints.RequireDirectory(directory, ct);
        if (!directory.Read((slices, _) => slices.Contains(id)))
            return Results.Json(new { error = $"unknown slice '{id}'" }, statusCode: StatusCodes.Status404NotFound);
        var shardRegion = await region.GetAsync(ct);
        var reply = await ActorAsk.Ask<SliceStatisticsReply>(shardRegion, new GetSliceStatistics(id), $"slice {id}", AskTimeout, ct);
        return Results.Json(reply.Summary);
    }
}
