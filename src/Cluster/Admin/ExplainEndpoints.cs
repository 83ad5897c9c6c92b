using System.Collections.Concurrent;
using Akka.Hosting;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Serving;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// <c>POST /models/{v}/explain</c> with an event (the event contract) answers the prediction of version v, its base
/// value and each feature's contribution, largest first. A version this node serves is explained with the model it
/// serves, read once from its serving set; any other version the registry knows is loaded from the artifact store and
/// checked against its SHA-256, as a node deploying it would. 404 for a version the registry does not know, 400 for an
/// event the decoder refuses (with its reason), 422 for a model that cannot be explained (a tree model saved without
/// its covers). Needs no token: it changes nothing.
/// </summary>
public static class ExplainEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app) => app.MapPost("/models/{version}/explain", Explain);

    private static async Task<IResult> Explain(
        string version, HttpRequest request, ModelHost host, CompiledSpec spec, IArtifactStore artifacts,
        IRequiredActor<ModelRegistryProxy> registry, CancellationToken ct)
    {
        var model = ServingExplanations.Served(host, version);
        if (model is null)
        {
            var entry = (await ActorAsk.Ask<ModelReply>(await registry.GetAsync(ct), new GetModel(version), "the model registry", AskTimeout, ct)).Model;
            if (entry is null) return Error(StatusCodes.Status404NotFound, $"there is no model version '{version}'");
            model = await StoredModels.Load(artifacts, version, entry.Model.ArtifactSha256, spec, ct);
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var decoded = new EventDecoder(spec).Decode(body.GetBuffer().AsSpan(0, (int)body.Length));
        if (decoded.Event is not { } e) return Error(StatusCodes.Status400BadRequest, $"the event is refused: {decoded.Rejection}");
        try
        {
            return Results.Json(ServingExplanations.Explain(model, e));
        }
        catch (ExplanationException x)
        {
            return Error(StatusCodes.Status422UnprocessableEntity, $"model {version} cannot be explained: {x.Message}");
        }
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    /// <summary>Versions loaded from the artifact store to be explained, kept by content hash so that a run of requests loads each once.</summary>
    private static class StoredModels
    {
        private const int Kept = 4;
        private static readonly ConcurrentDictionary<(string Sha256, string SpecHash), TrainedModel> Loaded = new();

        /// <exception cref="InvalidOperationException">The artifact is missing from the store or does not load (answered 500 with the reason).</exception>
        public static async Task<ServingModel> Load(IArtifactStore store, string version, string sha256, CompiledSpec spec, CancellationToken ct)
        {
            var key = (sha256.ToLowerInvariant(), spec.Hash);
            if (!Loaded.TryGetValue(key, out var model))
            {
                var bytes = await store.GetAsync(sha256, ct)
                    ?? throw new InvalidOperationException($"model {version}: artifact {sha256} is not in the artifact store");
                try
                {
                    model = ModelArtifact.Load(bytes, sha256, spec).Model;
                }
                catch (ModelArtifactException x)
                {
                    throw new InvalidOperationException($"model {version}: {x.Message}", x);
                }
                if (Loaded.Count >= Kept) Loaded.Clear();
                Loaded[key] = model;
            }
            return new ServingModel(version, sha256, new ModelScorer(model));
        }
    }
}
