using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Explanations;

/// <summary>Permutation feature importance: how much a metric suffers when one feature's values are shuffled among the examples.</summary>
/// <remarks>
/// <para>
/// For a feature j and a group of labelled examples, the loss is metric(examples) − metric(examples with column j
/// randomly permuted within the group), signed so that a positive loss means the model did worse (see
/// <see cref="GateMetrics.Shortfall"/>). Shuffling keeps the feature's distribution and breaks its link with the
/// label and the other features; a feature the model does not use loses nothing, up to the noise of the shuffle,
/// which the spread over <see cref="ImportanceOptions.Repeats"/> shuffles measures. The model is not retrained, so
/// this is the importance to this model, not to the problem; correlated features share their importance.
/// </para>
/// <para>
/// Overall the shuffle runs over every example; per slice, within the slice's examples (so a slice defined by a
/// feature's value shows that feature as unused inside it, which it is). Each shuffle draws from its own stream,
/// derived from the seed, the group and the feature, so the report does not depend on the order of the work.
/// Batch models are measured on the gate's hold-out; online models on a window of labelled events they answer
/// without learning (ideally events they have not learnt yet). Cost: (1 + slices) × features × repeats scorings of
/// each example.
/// </para>
/// <para>Reference: L. Breiman, "Random forests", Machine Learning 45, 2001, 5–32 (section 10); A. Fisher, C. Rudin,
/// F. Dominici, "All models are wrong, but many are useful", JMLR 20(177), 2019 (model reliance).</para>
/// </remarks>
public static class PermutationImportance
{
    /// <summary>The importance of a batch model's features on labelled examples (the hold-out).</summary>
    public static ImportanceReport Measure(TrainedModel model, IReadOnlyList<ValidEvent> examples, GateMetric metric, ImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scorer = new ModelScorer(model);
        return Measure(scorer.Score, model.Schema.NumericNames, model.Schema.CategoricalNames, examples, metric, options);
    }

    /// <summary>The importance of an online model's features on a window of labelled events, which it answers without learning them.</summary>
    /// <remarks>A label history's inputs are not features of the events; the model answers as when no label has been revealed.</remarks>
    public static ImportanceReport Measure(OnlineModel model, IReadOnlyList<ValidEvent> window, GateMetric metric, ImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var binary = model.Schema.Label == Spec.LabelKind.Binary;
        ModelScore[] Score(IReadOnlyList<ValidEvent> events)
        {
            var scores = new ModelScore[events.Count];
            for (var i = 0; i < scores.Length; i++)
            {
                var p = model.Predict(LearnerInput.Of(events[i]));
                scores[i] = binary ? new ModelScore(p, p, p >= 0.5) : new ModelScore(p, null, null);
            }
            return scores;
        }
        return Measure(Score, model.Schema.NumericFeatures, model.Schema.CategoricalFeatures, window, metric, options);
    }

    /// <summary>The importance of the features of any model that scores events, numeric features named in input order, then categorical ones.</summary>
    /// <exception cref="ArgumentException">No labelled example, or the metric is undefined on them (AUC on one class).</exception>
    public static ImportanceReport Measure(
        Func<IReadOnlyList<ValidEvent>, ModelScore[]> score, IReadOnlyList<string> numericFeatures, IReadOnlyList<string> categoricalFeatures,
        IReadOnlyList<ValidEvent> examples, GateMetric metric, ImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        options ??= new ImportanceOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repeats, 1, nameof(options));
        var labelled = LabelledExamples.Of(examples).Events;
        if (labelled.Count == 0) throw new ArgumentException("there are no labelled examples to measure importance on", nameof(examples));
        var features = new Shuffler(numericFeatures, categoricalFeatures, labelled, score, metric, options);
        var overall = features.Measure(Enumerable.Range(0, labelled.Count).ToArray(), group: 0)
            ?? throw new ArgumentException($"{GateMetrics.Name(metric)} is undefined on these examples (one class only?)", nameof(examples));
        var slices = new SortedDictionary<string, FeatureImportances>(StringComparer.Ordinal);
        var group = 1;
        foreach (var (slice, rows) in SliceRows(labelled, options.MinimumSliceExamples))
            if (features.Measure(rows, group++) is { } importances) slices[slice] = importances;
        return new ImportanceReport(GateMetrics.Name(metric), options.Repeats, options.Seed, overall, slices);
    }

    private static SortedDictionary<string, int[]> SliceRows(IReadOnlyList<ValidEvent> labelled, int minimum)
    {
        var rows = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < labelled.Count; i++)
            foreach (var slice in labelled[i].Slices)
            {
                if (slice == Slices.SliceKey.Global) continue;
                if (!rows.TryGetValue(slice, out var list)) rows[slice] = list = [];
                list.Add(i);
            }
        var kept = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (slice, list) in rows)
            if (list.Count >= minimum) kept[slice] = [.. list];
        return kept;
    }

    /// <summary>Shuffles one feature at a time within a group of examples and measures the loss.</summary>
    private sealed class Shuffler(
        IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, IReadOnlyList<ValidEvent> examples,
        Func<IReadOnlyList<ValidEvent>, ModelScore[]> score, GateMetric metric, ImportanceOptions options)
    {
        private readonly double[] _labels = examples.Select(e => e.Label!.Value).ToArray();
        private readonly ModelScore[] _scores = score(examples);

        public FeatureImportances? Measure(int[] rows, int group)
        {
            if (ImportanceMetric.Of(metric, _labels, _scores, rows) is not { } baseline) return null;
            var labels = rows.Select(i => _labels[i]).ToArray();
            var local = Enumerable.Range(0, rows.Length).ToArray();
            var features = new List<FeatureImportance>(numeric.Count + categorical.Count);
            for (var f = 0; f < numeric.Count + categorical.Count; f++)
            {
                var losses = new double[options.Repeats];
                for (var r = 0; r < losses.Length; r++)
                {
                    var random = new SeededRandom(SeededRandom.Derive(options.Seed, ((long)group << 32) | ((long)f << 16) | (uint)r));
                    var shuffled = Shuffle(rows, f, random);
                    var value = ImportanceMetric.Of(metric, labels, score(shuffled), local);
                    losses[r] = value is { } v ? GateMetrics.Shortfall(metric, baseline, v) : double.NaN;
                }
                features.Add(Summarise(f < numeric.Count ? numeric[f] : categorical[f - numeric.Count], losses));
            }
            features.Sort((a, b) => b.Mean.CompareTo(a.Mean) is var order && order != 0 ? order : string.CompareOrdinal(a.Feature, b.Feature));
            return new FeatureImportances(rows.Length, baseline, features);
        }

        /// <summary>The group's examples with feature f's values permuted among them (Fisher–Yates), the other features untouched.</summary>
        private ValidEvent[] Shuffle(int[] rows, int f, SeededRandom random)
        {
            var order = (int[])rows.Clone();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var shuffled = new ValidEvent[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                var e = examples[rows[i]];
                var donor = examples[order[i]];
                shuffled[i] = f < numeric.Count
                    ? e with { Numeric = With(e.Numeric, f, donor.Numeric[f]) }
                    : e with { Categorical = With(e.Categorical, f - numeric.Count, donor.Categorical[f - numeric.Count]) };
            }
            return shuffled;
        }

        private static T[] With<T>(T[] values, int index, T value)
        {
            var copy = (T[])values.Clone();
            copy[index] = value;
            return copy;
        }

        private static FeatureImportance Summarise(string feature, double[] losses)
        {
            var mean = losses.Average();
            var variance = losses.Length > 1 ? losses.Sum(l => (l - mean) * (l - mean)) / (losses.Length - 1) : 0;
            return new FeatureImportance(feature, mean, Math.Sqrt(variance), losses);
        }
    }
}
