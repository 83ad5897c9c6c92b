using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using StreamMl.Core.Explanations;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>
/// A model as bytes (an ML.NET zip holding the transformer and its input schema, and for a tree ensemble the
/// training covers its explanations need, see <see cref="TreeCovers"/>) with their SHA-256.
/// On disk: the zip at a path of the caller's choosing and its <see cref="ModelManifest"/> at
/// <c>path + ".manifest.json"</c>.
/// </summary>
public sealed class ModelArtifact
{
    public const string ManifestSuffix = ".manifest.json";

    private readonly byte[] _bytes;

    private ModelArtifact(byte[] bytes, string sha256, TrainedModel model)
    {
        _bytes = bytes;
        Sha256 = sha256;
        Model = model;
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex.</summary>
    public string Sha256 { get; }

    public TrainedModel Model { get; }

    public static ModelArtifact Create(TrainedModel model)
    {
        using var stream = new MemoryStream();
        model.Context.Model.Save(model.Transformer, model.InputSchema, stream);
        var bytes = model.TreeCovers is { } covers ? covers.AddTo(stream.ToArray()) : stream.ToArray();
        return new ModelArtifact(bytes, Hash(bytes), model);
    }

    /// <summary>Checks the hash before anything reads the bytes, then loads and checks the schema against the spec.</summary>
    public static ModelArtifact Load(ReadOnlySpan<byte> bytes, string expectedSha256, CompiledSpec spec)
    {
        var copy = bytes.ToArray();
        var actual = Hash(copy);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelArtifactException($"model hash mismatch: expected SHA-256 {expectedSha256}, the bytes have {actual}");
        var context = new MLContext(spec.Spec.Model.Seed);
        ModelLoading.RegisterTrainers(context);
        ITransformer transformer;
        DataViewSchema inputSchema;
        try
        {
            using var stream = new MemoryStream(copy, writable: false);
            transformer = context.Model.Load(stream, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelArtifactException($"the model bytes (SHA-256 {actual}) are not a readable ML.NET model: {e.Message}", e);
        }
        var schema = new ModelSchema(spec);
        if (inputSchema is null)
            throw new ModelArtifactException($"the model (SHA-256 {actual}) has no input schema");
        if (schema.Mismatch(inputSchema) is { } problem)
            throw new ModelArtifactException($"the model (SHA-256 {actual}) does not fit spec '{spec.Spec.Name}': {problem}");
        TreeCovers? covers;
        try
        {
            covers = TreeCovers.ReadFrom(copy);
        }
        catch (InvalidDataException e)
        {
            throw new ModelArtifactException($"the model (SHA-256 {actual}) carries unreadable tree covers: {e.Message}", e);
        }
        return new ModelArtifact(copy, actual, new TrainedModel(context, schema, transformer, inputSchema, training: null, covers));
    }

    /// <summary>Writes the zip to path and the manifest to path + <see cref="ManifestSuffix"/>.</summary>
    public void SaveToFile(string path, ModelManifest manifest)
    {
        if (!string.Equals(manifest.Sha256, Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"the manifest is for SHA-256 {manifest.Sha256}, not this artifact's {Sha256}", nameof(manifest));
        WriteAtomically(path, _bytes);
        WriteAtomically(path + ManifestSuffix, JsonSerializer.SerializeToUtf8Bytes(manifest, ModelJsonContext.Default.ModelManifest));
    }

    /// <summary>Reads the manifest, then loads the zip against the hash it names.</summary>
    public static (ModelArtifact Artifact, ModelManifest Manifest) LoadFromFile(string path, CompiledSpec spec)
    {
        var manifestPath = path + ManifestSuffix;
        if (!File.Exists(path)) throw new ModelArtifactException($"model file '{path}' does not exist");
        if (!File.Exists(manifestPath)) throw new ModelArtifactException($"model manifest '{manifestPath}' does not exist");
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), ModelJsonContext.Default.ModelManifest);
        }
        catch (JsonException e)
        {
            throw new ModelArtifactException($"model manifest '{manifestPath}' is not valid: {e.Message}", e);
        }
        if (manifest is null) throw new ModelArtifactException($"model manifest '{manifestPath}' is empty");
        return (Load(File.ReadAllBytes(path), manifest.Sha256, spec), manifest);
    }

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // A reader never sees half a file: write aside, then rename over.
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
