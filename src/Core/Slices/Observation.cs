using System.Text.Json.Serialization;
using StreamMl.Core.Quality;

namespace StreamMl.Core.Slices;

/// <summary>What a slice records of one answered event: its features, its label if known, and the model's answer.</summary>
/// <param name="Numeric">Numeric features in spec order; NaN where missing.</param>
/// <param name="Categorical">Categorical features in spec order; null where missing.</param>
/// <param name="Label">1/0 for a binary label, the value for a numeric one; null when unlabelled.</param>
/// <param name="Score">The model's score (probability of the positive class, or the predicted value).</param>
/// <param name="PredictedPositive">The predicted class of a binary model; null for regression.</param>
/// <param name="ModelVersion">The model version that scored this row when it is not the batch's (a canary); null otherwise.</param>
public sealed record Observation(double[] Numeric, string?[] Categorical, double? Label, double Score, bool? PredictedPositive, string? ModelVersion = null);

/// <summary>
/// The observations of one slice from one ingestion batch, recorded together, and the model version that scored them.
/// Kept in columns (a few arrays per batch, no object per row): the ingestion holds every batch until a checkpoint
/// finds it in its slice's snapshot, seconds later, and per-row objects held that long would each be copied by the
/// garbage collector on their way to its oldest generation.
/// </summary>
public sealed record ObservationBatch
{
    /// <summary>A batch of <paramref name="rows"/>, copied into columns.</summary>
    /// <param name="rows">The observations, in order; every row has the same number of numeric and categorical features.</param>
    /// <param name="observedAt">When the batch was answered.</param>
    /// <param name="modelVersion">The model version that scored the rows, unless a row names its own.</param>
    /// <param name="shadowOutcomes">Labelled outcomes of shadow models scored on the same rows: they count towards those models' quality only.</param>
    public ObservationBatch(IReadOnlyList<Observation> rows, DateTimeOffset observedAt, string? modelVersion = null, IReadOnlyList<Outcome>? shadowOutcomes = null)
    {
        var builder = new Builder(rows.Count, rows.Count == 0 ? 0 : rows[0].Numeric.Length, rows.Count == 0 ? 0 : rows[0].Categorical.Length);
        foreach (var row in rows) builder.Add(row.Numeric, row.Categorical, row.Label, row.Score, row.PredictedPositive, row.ModelVersion);
        (Count, NumericWidth, CategoricalWidth, Numeric, Categorical, Labels, Scores, Predicted, RowVersions) = builder.Columns();
        (ObservedAt, ModelVersion, ShadowOutcomes) = (observedAt, modelVersion, shadowOutcomes);
    }

    /// <summary>A batch from its columns, as <see cref="Builder"/> and the slice protocol's JSON make it.</summary>
    [JsonConstructor]
    public ObservationBatch(int count, int numericWidth, int categoricalWidth, double[] numeric, string?[] categorical, double[] labels,
        double[] scores, sbyte[] predicted, string?[]? rowVersions, DateTimeOffset observedAt, string? modelVersion = null,
        IReadOnlyList<Outcome>? shadowOutcomes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (numeric.Length != count * numericWidth || categorical.Length != count * categoricalWidth || labels.Length != count
            || scores.Length != count || predicted.Length != count || (rowVersions is not null && rowVersions.Length != count))
            throw new ArgumentException($"the columns do not hold {count} rows of {numericWidth} numeric and {categoricalWidth} categorical features");
        (Count, NumericWidth, CategoricalWidth, Numeric, Categorical, Labels, Scores, Predicted, RowVersions) =
            (count, numericWidth, categoricalWidth, numeric, categorical, labels, scores, predicted, rowVersions);
        (ObservedAt, ModelVersion, ShadowOutcomes) = (observedAt, modelVersion, shadowOutcomes);
    }

    /// <summary>Rows in the batch.</summary>
    public int Count { get; }
    /// <summary>Numeric features per row.</summary>
    public int NumericWidth { get; }
    /// <summary>Categorical features per row.</summary>
    public int CategoricalWidth { get; }
    /// <summary>Numeric features, row after row (<see cref="NumericWidth"/> each, spec order); NaN where missing.</summary>
    public double[] Numeric { get; }
    /// <summary>Categorical features, row after row (<see cref="CategoricalWidth"/> each); null where missing.</summary>
    public string?[] Categorical { get; }
    /// <summary>Each row's label; NaN when unlabelled.</summary>
    public double[] Labels { get; }
    /// <summary>Each row's score (probability of the positive class, or the predicted value).</summary>
    public double[] Scores { get; }
    /// <summary>Each row's predicted class: 1 positive, 0 negative, -1 none (regression).</summary>
    public sbyte[] Predicted { get; }
    /// <summary>Each row's model version when a row was scored by another than the batch's (a canary); null when none was.</summary>
    public string?[]? RowVersions { get; }

    /// <summary>When the batch was answered.</summary>
    public DateTimeOffset ObservedAt { get; init; }
    /// <summary>The model version that scored the rows, unless a row names its own.</summary>
    public string? ModelVersion { get; init; }
    /// <summary>Labelled outcomes of shadow models scored on the same rows: they count towards those models' quality only.</summary>
    public IReadOnlyList<Outcome>? ShadowOutcomes { get; init; }

    public ReadOnlySpan<double> NumericOf(int row) => Numeric.AsSpan(row * NumericWidth, NumericWidth);

    public ReadOnlySpan<string?> CategoricalOf(int row) => Categorical.AsSpan(row * CategoricalWidth, CategoricalWidth);

    public double? LabelOf(int row) => double.IsNaN(Labels[row]) ? null : Labels[row];

    public bool? PredictedOf(int row) => Predicted[row] < 0 ? null : Predicted[row] == 1;

    /// <summary>The model version of a row when it is not the batch's; null otherwise.</summary>
    public string? RowVersionOf(int row) => RowVersions?[row];

    /// <summary>The rows as observations, made anew at each read: for tests and tools, not for hot paths.</summary>
    [JsonIgnore]
    public IReadOnlyList<Observation> Rows => Enumerable.Range(0, Count).Select(i =>
        new Observation(NumericOf(i).ToArray(), CategoricalOf(i).ToArray(), LabelOf(i), Scores[i], PredictedOf(i), RowVersionOf(i))).ToList();

    /// <summary>Fills a batch's columns row by row, up to a capacity fixed in advance.</summary>
    public sealed class Builder(int capacity, int numericWidth, int categoricalWidth)
    {
        private readonly double[] _numeric = new double[capacity * numericWidth];
        private readonly string?[] _categorical = categoricalWidth == 0 ? [] : new string?[capacity * categoricalWidth];
        private readonly double[] _labels = new double[capacity];
        private readonly double[] _scores = new double[capacity];
        private readonly sbyte[] _predicted = new sbyte[capacity];
        private string?[]? _rowVersions;
        private int _count;

        public void Add(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, double? label, double score, bool? predictedPositive,
            string? rowVersion = null)
        {
            if (numeric.Length != numericWidth || categorical.Length != categoricalWidth)
                throw new ArgumentException($"a row of {numeric.Length} numeric and {categorical.Length} categorical features in a batch of {numericWidth} and {categoricalWidth}");
            numeric.CopyTo(_numeric.AsSpan(_count * numericWidth));
            categorical.CopyTo(_categorical.AsSpan(_count * categoricalWidth));
            _labels[_count] = label ?? double.NaN;
            _scores[_count] = score;
            _predicted[_count] = predictedPositive switch { null => -1, true => 1, false => 0 };
            if (rowVersion is not null) (_rowVersions ??= new string?[capacity])[_count] = rowVersion;
            _count++;
        }

        public ObservationBatch Build(DateTimeOffset observedAt, string? modelVersion = null, IReadOnlyList<Outcome>? shadowOutcomes = null)
        {
            var (count, nw, cw, numeric, categorical, labels, scores, predicted, versions) = Columns();
            return new ObservationBatch(count, nw, cw, numeric, categorical, labels, scores, predicted, versions, observedAt, modelVersion, shadowOutcomes);
        }

        internal (int, int, int, double[], string?[], double[], double[], sbyte[], string?[]?) Columns()
        {
            if (_count != capacity) throw new InvalidOperationException($"the batch holds {_count} of the {capacity} rows it was made for");
            return (_count, numericWidth, categoricalWidth, _numeric, _categorical, _labels, _scores, _predicted, _rowVersions);
        }
    }
}
