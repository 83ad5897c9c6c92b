using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// Online models at the admin endpoint: an online version's live figures on this node (with <c>GET /models/{v}</c>),
/// starting a new online version beside the champion, and rebuilding a checkpoint from the label log.
/// </summary>
public static class OnlineModelEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Map(WebApplication app)
    {
        app.MapPost("/models/online", Start);
        app.MapPost("/models/{version}/replay", Replay);
    }

    /// <summary>
    /// The registry's entry of a version; for an online one that this node learns, with <c>learning</c>: its updates,
    /// log position and lag, its freshness over the last predictions (p50/p99), its state's size and the last checkpoint.
    /// </summary>
    /// <param name="withState">Also <c>state</c>: the replica's state now serialised, its SHA-256 with the position, updates and duplicates it holds (on request only).</param>
    public static object WithLearning(ModelEntry model, IServiceProvider services, bool withState = false)
    {
        if (model.Model.Online is null || services.GetService<OnlineReplicaHost>() is not { } host || host.Find(model.Version) is not { } replica) return model;
        var node = JsonSerializer.SerializeToNode(model, Json)!.AsObject();
        var settings = services.GetRequiredService<NodeSettings>();
        node["learning"] = JsonSerializer.SerializeToNode(new LearningView(NodeHost.NodeName(settings), replica.Updates, replica.Position, replica.LabelsBehind,
            replica.Duplicates, replica.Resets, replica.Unreadable, replica.MemoryBytes, replica.Freshness.Summary(), model.Online?.LastCheckpoint,
            host.RestoredFrom(model.Version)), Json);
        if (withState)
        {
            // One snapshot: the replica may apply more of the log while the figures above are read.
            var state = replica.Checkpoint();
            node["learning"]!["state"] = JsonSerializer.SerializeToNode(new StateView(state.Sha256, state.Position, state.Updates, state.Duplicates, state.Bytes.Length), Json);
        }
        return node;
    }

    /// <summary>
    /// <c>POST /models/online</c> with <c>{"mode": "shadow" | "canary" | "full", "share": 0.1}</c> (default shadow): the
    /// spec's online learner starts afresh at the end of the label log and serves in that mode.
    /// </summary>
    private static async Task<IResult> Start(HttpRequest request, NodeSettings settings, CompiledSpec spec, IServiceProvider services, CancellationToken ct)
    {
        if (ModelEndpoints.Authorize(request, settings) is { } denied) return denied;
        var (body, error) = await ModelEndpoints.ReadBody(request, ct);
        if (error is not null) return error;
        var (mode, share, invalid) = ModelEndpoints.ServingMode(body, ServingModes.Shadow);
        if (invalid is not null) return invalid;
        if (spec.Spec.Model.Online is null) return ModelEndpoints.Error(StatusCodes.Status409Conflict, "the spec names no online learner (model.online)");
        if (services.GetService<IOnlineModelControl>() is not { } control)
            return ModelEndpoints.Error(StatusCodes.Status409Conflict, "this node has no Kafka bootstrap servers: it cannot write the label log");
        try
        {
            var registered = await control.StartAsync(mode, share, ModelEndpoints.By(request), ct);
            return Results.Json(new { version = registered.Version, plan = registered.Plan });
        }
        catch (InvalidOperationException e)
        {
            return ModelEndpoints.BadRequest(e.Message);
        }
    }

    /// <summary>
    /// <c>POST /models/{v}/replay</c> with <c>{"checkpoint": OFFSET, "from": "start" | "previous"}</c> (default: the latest
    /// checkpoint, from the initial state): rebuilds the checkpoint from the label log and compares the SHA-256.
    /// </summary>
    private static async Task<IResult> Replay(string version, HttpRequest request, NodeSettings settings, IServiceProvider services, CancellationToken ct)
    {
        if (ModelEndpoints.Authorize(request, settings) is { } denied) return denied;
        var (body, error) = await ModelEndpoints.ReadBody(request, ct);
        if (error is not null) return error;
        long? checkpoint = null;
        var fromPrevious = false;
        foreach (var property in body?.EnumerateObject() ?? default)
        {
            switch (property.Name)
            {
                case "checkpoint" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var offset):
                    checkpoint = offset;
                    break;
                case "from" when property.Value.GetString() is "start" or "previous":
                    fromPrevious = property.Value.GetString() == "previous";
                    break;
                default:
                    return ModelEndpoints.BadRequest($"unexpected body property '{property.Name}'; expected \"checkpoint\" (an offset) and \"from\" (start or previous)");
            }
        }
        if (services.GetService<CheckpointReplay>() is not { } replay)
            return ModelEndpoints.Error(StatusCodes.Status409Conflict, "this node has no Kafka bootstrap servers: it cannot read the label log");
        try
        {
            return Results.Json(await replay.RunAsync(version, checkpoint, fromPrevious, ct), Json);
        }
        catch (ReplayException e)
        {
            return ModelEndpoints.Error(e.Status, e.Message);
        }
    }

    /// <summary>One serialised state of a replica: its hash and what it holds.</summary>
    private sealed record StateView(string Sha256, long Position, long Updates, long Duplicates, long Bytes);

    /// <summary>An online version's figures on this node.</summary>
    private sealed record LearningView(string Node, long Updates, long Position, long LabelsBehind, long Duplicates, long Resets, long Unreadable,
        long StateBytes, FreshnessSummary? Freshness, OnlineCheckpoint? LastCheckpoint, string? RestoredFrom);
}
