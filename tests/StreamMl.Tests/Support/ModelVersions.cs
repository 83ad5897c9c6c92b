using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Core.Serving;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using Xunit;

namespace StreamMl.Tests.Support;

/// <summary>
/// A second model version for the serving tests, registered the way a node registers its start-up model
/// (bytes and training profile into the shared artifact store, then an import into the registry), and
/// the admin calls and serving checks those tests share.
/// </summary>
public static class ModelVersions
{
    public const string AdminToken = "serving-tests-token";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private static readonly Lazy<string> Elec2 = new(() =>
    {
        // Trained on other rows than v1 (which learned rows 0-3,000), so it is another model.
        var spec = new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json")));
        var examples = CsvExamples.Read(RepoPaths.Dataset("elec.csv"), spec).Skip(20_000).Take(3000).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", "elec-v2.zip");
        TrainCommand.Save(spec, examples, ModelTrainer.Train(spec, examples), path, "v2");
        return path;
    });

    /// <summary>An elec model stamped v2, trained once per test run.</summary>
    public static string ElecV2 => Elec2.Value;

    /// <summary>
    /// Stores a saved model (zip and training profile) in the node's artifact store and imports it into the
    /// registry under its manifest's version; with a champion in place it registers as ready.
    /// </summary>
    public static async Task<ModelDescription> Register(TestNode node, string path)
    {
        var artifacts = node.Services.GetRequiredService<IArtifactStore>();
        var manifest = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path + ModelArtifact.ManifestSuffix), ModelJsonContext.Default.ModelManifest)!;
        var sha = await artifacts.PutAsync(await File.ReadAllBytesAsync(path), CancellationToken.None);
        Assert.Equal(manifest.Sha256, sha);
        var profileSha = await artifacts.PutAsync(await File.ReadAllBytesAsync(path + TrainingProfile.FileSuffix), CancellationToken.None);
        var description = ModelImportService.Describe(manifest, sha, profileSha);
        var registry = await node.Services.GetRequiredService<IRequiredActor<ModelRegistryProxy>>().GetAsync();
        var result = await registry.Ask<ModelImportResult>(new ImportModel(manifest.Version, description, manifest.Metrics), AskTimeout);
        Assert.True(result.Accepted, $"the registry refused {manifest.Version}: {result.Reason}");
        return description;
    }

    /// <summary>Waits until the registry has a champion (the start-up model's import is asynchronous).</summary>
    public static Task WaitForChampion(TestNode node, string version) =>
        Eventually.Get(async () => await Champion(node), champion => champion == version, TimeSpan.FromSeconds(60), $"registry champion {version}");

    private static async Task<string?> Champion(TestNode node)
    {
        var models = await node.GetJson("/models");
        return models.GetProperty("champion").ValueKind == JsonValueKind.String ? models.GetProperty("champion").GetString() : null;
    }

    /// <summary>POSTs an admin action with the token and checks it succeeded.</summary>
    public static async Task<JsonElement> Act(TestNode node, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body ?? "", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await node.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} {body}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>What the node serves right now.</summary>
    public static ServingSet? Serving(TestNode node) => node.Services.GetRequiredService<ModelHost>().Current;

    /// <summary>Waits until the node's serving set matches.</summary>
    public static Task<ServingSet?> WaitForServing(TestNode node, Func<ServingSet, bool> done, string what) =>
        Eventually.Get(() => Task.FromResult(Serving(node)), set => set is not null && done(set), TimeSpan.FromSeconds(60), what);

    /// <summary>The registry's deployment state of a version on a node, e.g. "deployed" or "refused: …"; null when not reported.</summary>
    public static async Task<string?> Deployment(TestNode anyNode, string version, TestNode on)
    {
        var model = await anyNode.GetJson($"/models/{version}");
        return model.GetProperty("deployments").TryGetProperty(NodeName(on), out var state) ? state.GetString() : null;
    }

    /// <summary>The name a node reports its deployments under (its cluster address).</summary>
    public static string NodeName(TestNode node) => $"127.0.0.1:{node.ClusterPort}";

    /// <summary>The lineage steps of a version: kind and event.</summary>
    public static async Task<List<(string Kind, JsonElement Event)>> Lineage(TestNode node, string version) =>
        (await node.GetJson($"/models/{version}/lineage")).GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("kind").GetString()!, s.GetProperty("event")))
            .ToList();
}
