using System.Text.Json.Serialization;

namespace StreamMl.Core.Contracts;

/// <summary>Source-generated JSON for every record that crosses a topic.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // A drift statistic can be infinite (a change from a constant reference).
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EventRecord))]
[JsonSerializable(typeof(LabelRecord))]
[JsonSerializable(typeof(PredictionRecord))]
[JsonSerializable(typeof(AlertRecord))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
