using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Source-generated JSON metadata for slice statistics snapshots.</summary>
// Empty summaries hold ±∞ as min/max identities, which plain JSON numbers cannot express.
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StatisticsSet))]
[JsonSerializable(typeof(FeatureStatistics))]
[JsonSerializable(typeof(RunningMoments))]
[JsonSerializable(typeof(QuantileSketch))]
[JsonSerializable(typeof(CategoryFrequencies))]
[JsonSerializable(typeof(LabelBalance))]
[JsonSerializable(typeof(ScoreDistribution))]
public sealed partial class StatisticsJsonContext : JsonSerializerContext;
