namespace StreamMl.Core.Modeling;

/// <summary>What is known about a saved model, stored as JSON next to its zip.</summary>
/// <param name="Version">The version the caller gave the model, e.g. "v1".</param>
/// <param name="Sha256">SHA-256 of the zip, lower-case hex; the zip is refused if it differs.</param>
/// <param name="SpecHash">Hash of the spec the model was trained for.</param>
public sealed record ModelManifest(
    string Version,
    string Sha256,
    string SpecHash,
    string Trainer,
    IReadOnlyDictionary<string, double> HyperParameters,
    int Seed,
    DateTimeOffset TrainedAt,
    int ExampleCount,
    ModelMetrics? Metrics)
{
    /// <summary>The manifest of a freshly trained model's artifact.</summary>
    public static ModelManifest Create(ModelArtifact artifact, string version, ModelMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var training = artifact.Model.Training
            ?? throw new InvalidOperationException("a loaded model keeps the manifest it was saved with; only a trained model gets a new one");
        return new ModelManifest(
            version, artifact.Sha256, artifact.Model.Spec.Hash, training.Trainer, training.HyperParameters,
            training.Seed, training.TrainedAt, training.ExampleCount, metrics);
    }
}
