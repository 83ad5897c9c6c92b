using System.Text.Json.Serialization;

namespace StreamMl.Core.Modeling;

/// <summary>Source-generated JSON for model manifests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // An evaluator can report NaN (e.g. AUC on one class); the manifest must still be written.
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
