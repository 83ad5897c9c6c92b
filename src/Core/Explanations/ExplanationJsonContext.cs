using System.Text.Json.Serialization;

namespace StreamMl.Core.Explanations;

/// <summary>Source-generated JSON for explanations and importance reports, as the command line prints them (camelCase, indented).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true)]
[JsonSerializable(typeof(Explanation))]
[JsonSerializable(typeof(ImportanceReport))]
public sealed partial class ExplanationJsonContext : JsonSerializerContext;
