using System.Text.Json;
using System.Text.Json.Serialization;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Slices;

/// <summary>
/// The profile of the data a model was trained on, per slice, with the model's own scores on it.
/// It travels with the model (<c>&lt;model&gt;.profile.json</c>) and is the reference its slices'
/// windows are tested against for drift.
/// </summary>
public sealed record TrainingProfile(string ModelVersion, IReadOnlyDictionary<string, StatisticsSet> Slices)
{
    public const string FileSuffix = ".profile.json";

    public static TrainingProfile Build(string modelVersion, CompiledSpec spec, IReadOnlyList<ValidEvent> examples, ModelScore[] scores)
    {
        var slices = new Dictionary<string, StatisticsSet>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            var e = examples[i];
            var score = scores[i].Probability ?? scores[i].Score;
            foreach (var slice in e.Slices)
            {
                if (!slices.TryGetValue(slice, out var set)) slices[slice] = set = SliceState.EmptyStatistics(spec);
                SliceState.Observe(set, e.Numeric, e.Categorical, e.Label, score, scores[i].PredictedLabel, spec);
            }
        }
        return new TrainingProfile(modelVersion, slices);
    }

    public void Save(string modelPath) => File.WriteAllBytes(modelPath + FileSuffix, ToBytes());

    /// <summary>The profile as UTF-8 JSON, as it is saved and stored.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, TrainingProfileJsonContext.Default.TrainingProfile);

    /// <summary>A profile from its JSON bytes.</summary>
    public static TrainingProfile FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, TrainingProfileJsonContext.Default.TrainingProfile)
                ?? throw new ModelArtifactException($"training profile {source} is empty");
        }
        catch (JsonException e)
        {
            throw new ModelArtifactException($"training profile {source} is not valid: {e.Message}", e);
        }
    }

    /// <summary>The profile saved beside a model, or null when the model has none.</summary>
    public static TrainingProfile? Load(string modelPath)
    {
        var path = modelPath + FileSuffix;
        return File.Exists(path) ? FromBytes(File.ReadAllBytes(path), $"'{path}'") : null;
    }
}

/// <summary>Source-generated JSON for training profiles (NaN and infinities allowed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrainingProfile))]
public sealed partial class TrainingProfileJsonContext : JsonSerializerContext;
