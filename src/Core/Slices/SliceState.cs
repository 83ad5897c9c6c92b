using System.Globalization;
using StreamMl.Core.Quality;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Slices;

/// <summary>
/// Everything a slice knows: statistics over its lifetime, over the current tumbling window and over
/// the last closed window, its drift state, and the quality of each model version's predictions.
/// Mutable on purpose: it is updated once per event on the hot path, and copying sketches per event
/// would cost more than the update itself. Only its owner touches it.
/// </summary>
public sealed class SliceState
{
    private static readonly string[] SmallIntegers = Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public required string SliceId { get; init; }
    public required StatisticsSet Lifetime { get; init; }
    public required StatisticsSet Window { get; set; }
    /// <summary>Zero-based index of the current window.</summary>
    public long WindowIndex { get; set; }
    public DateTimeOffset? WindowStart { get; set; }
    public DateTimeOffset? WindowEnd { get; set; }
    public ClosedWindow? LastWindow { get; set; }
    public SliceDrift Drift { get; set; } = new();
    /// <summary>Prequential quality per model version, from inline and late labels.</summary>
    public SliceQuality Quality { get; set; } = new();
    /// <summary>How far each ingestion source's numbered batches are applied here.</summary>
    public BatchProgress Progress { get; set; } = new();

    public static SliceState Empty(string sliceId, CompiledSpec spec) => new()
    {
        SliceId = sliceId,
        Lifetime = EmptyStatistics(spec),
        Window = EmptyStatistics(spec),
    };

    /// <summary>The statistics of a profile with the spec's columns: its features, then its derived columns.</summary>
    public static StatisticsSet EmptyStatistics(CompiledSpec spec) => StatisticsSet.Create(
        spec.Spec.Features.Select(f => (f.Name, f.Kind == ColumnKind.Numeric ? FeatureKind.Numeric : FeatureKind.Categorical))
            .Concat(spec.Derived.Select(d => (d.Name, FeatureKind.Categorical))));

    /// <summary>A deep copy (a closed window is never changed again, so it is shared).</summary>
    public SliceState Clone() => new()
    {
        SliceId = SliceId,
        Lifetime = Lifetime.Clone(),
        Window = Window.Clone(),
        WindowIndex = WindowIndex,
        WindowStart = WindowStart,
        WindowEnd = WindowEnd,
        LastWindow = LastWindow,
        Drift = Drift.Clone(),
        Quality = Quality.Clone(),
        Progress = Progress.Clone(),
    };

    /// <summary>
    /// Applies a batch in order; a window closes as soon as it holds the spec's number of events and is
    /// then tested for drift, and each labelled event feeds the quality of the version that scored it and,
    /// when that is the serving model, the error detector (re-baselined first if the batch's model is a new
    /// one). The batch's shadow outcomes then count towards their versions' quality only. Returns the drift
    /// signals raised.
    /// </summary>
    /// <param name="batch">The observations, in order.</param>
    /// <param name="spec">The stream's spec.</param>
    /// <param name="modelReference">The training profile of this slice for a model version, when the model carries one.</param>
    public List<DriftSignal> Record(ObservationBatch batch, CompiledSpec spec, Func<string?, StatisticsSet?>? modelReference = null)
    {
        var windowSize = spec.Spec.Window.Events;
        var signals = new List<DriftSignal>();
        signals.AddRange(Drift.OnServingModel(batch.ModelVersion, Lifetime.Events, spec.Spec.Drift));
        for (var row = 0; row < batch.Count; row++)
        {
            WindowStart ??= batch.ObservedAt;
            WindowEnd = batch.ObservedAt;
            var (rowLabel, score, predicted) = (batch.LabelOf(row), batch.ScoreOf(row), batch.PredictedOf(row));
            Observe([Lifetime, Window], batch.NumericOf(row), batch.CategoricalOf(row), rowLabel, score, predicted, spec);
            var version = batch.RowVersionOf(row) ?? batch.ModelVersion;
            if (Drift.OnLabelled(rowLabel, predicted, Lifetime.Events, spec.Spec.Drift, version) is { } errorSignal)
                signals.Add(errorSignal);
            if (rowLabel is { } label && HasPrediction(score, predicted))
                Quality.Record(version, score, predicted, label, windowSize);
            if (Window.Events < windowSize) continue;
            LastWindow = new ClosedWindow(WindowIndex, WindowStart.Value, WindowEnd.Value, Window);
            signals.AddRange(Drift.OnWindowClosed(LastWindow, Lifetime.Events, spec, batch.ModelVersion,
                modelReference?.Invoke(batch.ModelVersion)));
            // The next window's values spread much like this one's: its sketches start with this one's room.
            Window = EmptyStatistics(spec).ReserveLike(LastWindow.Statistics);
            WindowIndex++;
            WindowStart = null;
            WindowEnd = null;
        }
        if (batch.ShadowOutcomes is { } shadow)
        {
            for (var i = 0; i < shadow.Count; i++) Quality.Record(shadow[i], windowSize);
        }
        return signals;
    }

    /// <summary>
    /// Applies labels that arrived after their events were recorded, in order. Each outcome counts
    /// towards its version's quality; one that is not a shadow's also counts in the label balance of
    /// the lifetime and the current window and, if it is the serving model's, feeds the error detector. Events and windows do not
    /// move: the events were counted when they were answered. Returns the drift signals raised.
    /// </summary>
    public List<DriftSignal> RecordOutcomes(IReadOnlyList<Outcome> outcomes, CompiledSpec spec)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var windowSize = spec.Spec.Window.Events;
        var signals = new List<DriftSignal>();
        // Enumerated, not indexed: a batch of outcomes may be several lists read as one.
        foreach (var outcome in outcomes)
        {
            Quality.Record(outcome, windowSize);
            if (outcome.Shadow || double.IsNaN(outcome.Label)) continue;
            var label = LabelText(outcome.Label);
            Lifetime.Labels.Add(label);
            Window.Labels.Add(label);
            if (Drift.OnLabelled(outcome.Label, outcome.PredictedPositive, Lifetime.Events, spec.Spec.Drift, outcome.ModelVersion) is { } errorSignal)
                signals.Add(errorSignal);
        }
        return signals;
    }

    /// <summary>A row carries a prediction when it has a score or a predicted class.</summary>
    private static bool HasPrediction(double score, bool? predictedPositive) => predictedPositive is not null || !double.IsNaN(score);

    /// <summary>Adds one observation, given by its parts, to a profile: its features, derived columns, label and score.</summary>
    public static void Observe(StatisticsSet set, ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, double? label, double score,
        bool? predictedPositive, CompiledSpec spec) =>
        Observe([set], numeric, categorical, label, score, predictedPositive, spec);

    /// <summary>
    /// Adds one observation to each of several profiles of the spec's columns (a slice's lifetime and window), as to one:
    /// the sketch bucket of each numeric value and of the score, a derived column's bucket and the label's text are
    /// worked out once for all of them.
    /// </summary>
    private static void Observe(ReadOnlySpan<StatisticsSet> sets, ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, double? label,
        double score, bool? predictedPositive, CompiledSpec spec)
    {
        var columns = spec.ProfileColumns;
        var firstSlots = sets[0].Slots(columns);
        Span<BucketedValue> values = numeric.Length <= 64 ? stackalloc BucketedValue[numeric.Length] : new BucketedValue[numeric.Length];
        for (var i = 0; i < numeric.Length; i++) values[i] = firstSlots[i].Bucket(numeric[i]);
        var bucketedScore = sets[0].Scores.Sketch.Bucket(score);
        var labelText = label is { } l ? LabelText(l) : null;
        var derivedColumns = spec.Derived;
        Span<int> derivedBuckets = derivedColumns.Count <= 64 ? stackalloc int[derivedColumns.Count] : new int[derivedColumns.Count];
        for (var i = 0; i < derivedBuckets.Length; i++) derivedBuckets[i] = derivedColumns[i].BucketOf(numeric[derivedColumns[i].SourceIndex]);
        var first = numeric.Length + categorical.Length;
        foreach (var set in sets)
        {
            var slots = set.Slots(columns);
            for (var i = 0; i < values.Length; i++) slots[i].AddNumeric(values[i]);
            for (var i = 0; i < categorical.Length; i++) slots[numeric.Length + i].AddCategory(categorical[i]);
            for (var i = 0; i < derivedBuckets.Length; i++) slots[first + i].AddCategory(derivedColumns[i].LabelAt(derivedBuckets[i]));
            if (labelText is not null) set.Labels.Add(labelText);
            set.Scores.Add(bucketedScore, predictedPositive == true);
            set.Events++;
        }
    }

    /// <summary>A label as the label balance counts it (invariant culture); the usual class numbers without allocating.</summary>
    public static string LabelText(double label) =>
        label >= 0 && label < SmallIntegers.Length && label == Math.Floor(label) && !(label == 0 && double.IsNegative(label))
            ? SmallIntegers[(int)label]
            : label.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A finished tumbling window of a slice.</summary>
public sealed record ClosedWindow(long Index, DateTimeOffset Start, DateTimeOffset End, StatisticsSet Statistics);
