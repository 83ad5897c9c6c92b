using System.Text.Json.Serialization;

namespace StreamMl.Core.Spec;

/// <summary>Source-generated JSON for the pipeline spec file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PipelineSpec))]
public sealed partial class SpecJsonContext : JsonSerializerContext;
