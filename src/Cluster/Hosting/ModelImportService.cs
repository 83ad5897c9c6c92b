using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Training;

namespace StreamMl.Cluster.Hosting;

/// <summary>
/// Registers the model a node was started with: its bytes (and training profile) go to the shared
/// artifact store, its manifest to the registry, which makes it the champion when there is none. A
/// version already registered with other bytes is refused; the node then serves the registry's plan.
/// </summary>
public sealed class ModelImportService(
    NodeSettings settings,
    IArtifactStore artifacts,
    IRequiredActor<ModelRegistryProxy> registry,
    ILogger<ModelImportService> logger) : BackgroundService
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The registry's description of a model saved with a manifest, stored under the given hashes.</summary>
    public static ModelDescription Describe(ModelManifest manifest, string artifactSha256, string? profileSha256) =>
        new(artifactSha256, profileSha256, manifest.SpecHash, TrainerActor.CodeVersion, manifest.Trainer,
            manifest.HyperParameters, manifest.Seed, manifest.ExampleCount);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Model is not { } path) return;
        var manifest = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path + ModelArtifact.ManifestSuffix, stoppingToken), ModelJsonContext.Default.ModelManifest)!;
        var sha = await artifacts.PutAsync(await File.ReadAllBytesAsync(path, stoppingToken), stoppingToken);
        if (!string.Equals(sha, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogError("Model {Path} has SHA-256 {Actual}, its manifest says {Expected}; not registering it", path, sha, manifest.Sha256);
            return;
        }
        string? profileSha = null;
        if (File.Exists(path + TrainingProfile.FileSuffix))
            profileSha = await artifacts.PutAsync(await File.ReadAllBytesAsync(path + TrainingProfile.FileSuffix, stoppingToken), stoppingToken);
        var description = Describe(manifest, sha, profileSha);
        var proxy = await registry.GetAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await proxy.Ask<ModelImportResult>(new ImportModel(manifest.Version, description, manifest.Metrics), AskTimeout, stoppingToken);
                if (result.Accepted) logger.LogInformation("Model {Version} is registered; the champion is {Champion}", manifest.Version, result.Plan.Champion?.Version);
                else logger.LogWarning("The registry refused model {Version}: {Reason}", manifest.Version, result.Reason);
                return;
            }
            catch (AskTimeoutException)
            {
                logger.LogInformation("The model registry is not reachable yet; retrying");
            }
        }
    }
}
