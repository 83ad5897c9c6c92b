using System.Text.Json.Serialization;

namespace StreamMl.Core.Quality;

/// <summary>Source-generated JSON metadata for quality metrics.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SliceQuality))]
[JsonSerializable(typeof(QualityMetrics))]
[JsonSerializable(typeof(QualitySummary))]
public sealed partial class QualityJsonContext : JsonSerializerContext;
