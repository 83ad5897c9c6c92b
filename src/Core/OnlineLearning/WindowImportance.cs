using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Spec;

namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// Permutation feature importance of an online version, measured the prequential way: a checkpoint's state on the
/// examples of the label log that came after it, which it had not learnt. The examples are laid out as the ingestion
/// lays out events (through the event contract and the decoder), so that their derived columns and slices are the
/// spec's and the importance is reported per slice too.
/// </summary>
public static class WindowImportance
{
    /// <param name="state">A checkpoint's bytes (<see cref="LearnerReplica.Checkpoint"/>).</param>
    /// <param name="records">Records of the label log after that checkpoint; resets and unreadable records are skipped.</param>
    /// <returns>The report, or null when the records hold no labelled example the metric is defined on.</returns>
    /// <exception cref="LearnerStateException">The state is not a checkpoint of a learner for the spec.</exception>
    public static ImportanceReport? Measure(ReadOnlySpan<byte> state, CompiledSpec spec, IEnumerable<byte[]?> records, ImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = ReplicaStateFormat.Read(state, LearnerSchema.FromSpec(spec)).Model;
        var decoder = new EventDecoder(spec);
        var window = new List<ValidEvent>();
        foreach (var value in records)
        {
            if (value is null || LearningRecordCodec.Decode(value, out _) is not LearningExample example) continue;
            if (decoder.Decode(JsonSerializer.SerializeToUtf8Bytes(AsEvent(spec, example), ContractsJsonContext.Default.EventRecord)).Event is { } valid) window.Add(valid);
        }
        if (window.Count == 0) return null;
        try
        {
            return PermutationImportance.Measure(model, window, GateMetrics.Resolve(spec.Spec.Gate, spec.Spec.Label.Kind), options);
        }
        catch (ArgumentException)
        {
            return null; // one class only, say: the metric is undefined on this window
        }
    }

    private static EventRecord AsEvent(CompiledSpec spec, LearningExample example)
    {
        var features = new Dictionary<string, FeatureValue>(StringComparer.Ordinal);
        for (var i = 0; i < spec.NumericFeatures.Count && i < example.Numeric.Length; i++)
            features[spec.NumericFeatures[i].Name] = double.IsNaN(example.Numeric[i]) ? FeatureValue.Missing : FeatureValue.Of(example.Numeric[i]);
        for (var i = 0; i < spec.CategoricalFeatures.Count && i < example.Categorical.Length; i++)
            features[spec.CategoricalFeatures[i].Name] = example.Categorical[i] is { } text ? FeatureValue.Of(text) : FeatureValue.Missing;
        return new EventRecord(example.Id, null, features, FeatureValue.Of(example.Label));
    }
}
