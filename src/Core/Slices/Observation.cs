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
/// garbage collector on their way to its oldest generation. The slices of one ingestion batch share one set of
/// columns, each slice's batch naming its rows (<see cref="Builder.Select"/>): an event is held once, not once per slice.
/// </summary>
/// <remarks>
/// The column properties (<see cref="Numeric"/>, <see cref="Labels"/> …) hold this batch's rows only, as the slice
/// protocol's JSON carries them; for a batch that selects rows of shared columns they are copied out at each read. Hot
/// paths read rows through <see cref="NumericOf"/>, <see cref="ScoreOf"/> and the other row accessors.
/// </remarks>
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
        (Count, NumericWidth, CategoricalWidth, _numeric, _categorical, _labels, _scores, _predicted, _rowVersions) = builder.Columns();
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
        (Count, NumericWidth, CategoricalWidth, _numeric, _categorical, _labels, _scores, _predicted, _rowVersions) =
            (count, numericWidth, categoricalWidth, numeric, categorical, labels, scores, predicted, rowVersions);
        (ObservedAt, ModelVersion, ShadowOutcomes) = (observedAt, modelVersion, shadowOutcomes);
    }

    /// <summary>The rows <paramref name="rows"/> of complete columns, shared with other batches (see <see cref="Builder.Select"/>).</summary>
    private ObservationBatch(Builder columns, int[] rows, DateTimeOffset observedAt, string? modelVersion, IReadOnlyList<Outcome>? shadowOutcomes)
    {
        (_, NumericWidth, CategoricalWidth, _numeric, _categorical, _labels, _scores, _predicted, _rowVersions) = columns.Columns();
        (Count, _rows) = (rows.Length, rows);
        (ObservedAt, ModelVersion, ShadowOutcomes) = (observedAt, modelVersion, shadowOutcomes);
    }

    private readonly double[] _numeric;
    private readonly string?[] _categorical;
    private readonly double[] _labels;
    private readonly double[] _scores;
    private readonly sbyte[] _predicted;
    private readonly string?[]? _rowVersions;
    /// <summary>The rows of the columns this batch holds, in order; null when it holds them all.</summary>
    private readonly int[]? _rows;

    /// <summary>Rows in the batch.</summary>
    public int Count { get; }
    /// <summary>Numeric features per row.</summary>
    public int NumericWidth { get; }
    /// <summary>Categorical features per row.</summary>
    public int CategoricalWidth { get; }
    /// <summary>Numeric features, row after row (<see cref="NumericWidth"/> each, spec order); NaN where missing.</summary>
    public double[] Numeric => Gather(_numeric, NumericWidth);
    /// <summary>Categorical features, row after row (<see cref="CategoricalWidth"/> each); null where missing.</summary>
    public string?[] Categorical => Gather(_categorical, CategoricalWidth);
    /// <summary>Each row's label; NaN when unlabelled.</summary>
    public double[] Labels => Gather(_labels, 1);
    /// <summary>Each row's score (probability of the positive class, or the predicted value).</summary>
    public double[] Scores => Gather(_scores, 1);
    /// <summary>Each row's predicted class: 1 positive, 0 negative, -1 none (regression).</summary>
    public sbyte[] Predicted => Gather(_predicted, 1);
    /// <summary>Each row's model version when a row was scored by another than the batch's (a canary); null when none was.</summary>
    public string?[]? RowVersions => _rowVersions is null ? null : Gather(_rowVersions, 1) is var versions && versions.Any(v => v is not null) ? versions : null;

    /// <summary>When the batch was answered.</summary>
    public DateTimeOffset ObservedAt { get; init; }
    /// <summary>The model version that scored the rows, unless a row names its own.</summary>
    public string? ModelVersion { get; init; }
    /// <summary>Labelled outcomes of shadow models scored on the same rows: they count towards those models' quality only.</summary>
    public IReadOnlyList<Outcome>? ShadowOutcomes { get; init; }

    public ReadOnlySpan<double> NumericOf(int row) => _numeric.AsSpan(Column(row) * NumericWidth, NumericWidth);

    public ReadOnlySpan<string?> CategoricalOf(int row) => _categorical.AsSpan(Column(row) * CategoricalWidth, CategoricalWidth);

    public double ScoreOf(int row) => _scores[Column(row)];

    public double? LabelOf(int row) => _labels[Column(row)] is var label && double.IsNaN(label) ? null : label;

    public bool? PredictedOf(int row) => _predicted[Column(row)] is var predicted && predicted < 0 ? null : predicted == 1;

    /// <summary>The model version of a row when it is not the batch's; null otherwise.</summary>
    public string? RowVersionOf(int row) => _rowVersions?[Column(row)];

    /// <summary>Where row <paramref name="row"/> of this batch is in the columns.</summary>
    private int Column(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return _rows is null ? row : _rows[row];
    }

    /// <summary>This batch's rows of a column of <paramref name="width"/> values per row: the column itself when it holds no other rows.</summary>
    private T[] Gather<T>(T[] column, int width)
    {
        if (_rows is null) return column;
        var gathered = new T[_rows.Length * width];
        for (var i = 0; i < _rows.Length; i++) column.AsSpan(_rows[i] * width, width).CopyTo(gathered.AsSpan(i * width));
        return gathered;
    }

    /// <summary>The rows as observations, made anew at each read: for tests and tools, not for hot paths.</summary>
    [JsonIgnore]
    public IReadOnlyList<Observation> Rows => Enumerable.Range(0, Count).Select(i =>
        new Observation(NumericOf(i).ToArray(), CategoricalOf(i).ToArray(), LabelOf(i), ScoreOf(i), PredictedOf(i), RowVersionOf(i))).ToList();

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

        /// <summary>
        /// A batch of the rows <paramref name="rows"/> (indices in the order they were added), sharing the columns with the
        /// other batches selected from this builder; the builder must be full and take no more rows.
        /// </summary>
        public ObservationBatch Select(int[] rows, DateTimeOffset observedAt, string? modelVersion = null, IReadOnlyList<Outcome>? shadowOutcomes = null)
        {
            foreach (var row in rows)
                if ((uint)row >= (uint)capacity) throw new ArgumentOutOfRangeException(nameof(rows), $"row {row} of a batch of {capacity} rows");
            return new ObservationBatch(this, rows, observedAt, modelVersion, shadowOutcomes);
        }

        internal (int, int, int, double[], string?[], double[], double[], sbyte[], string?[]?) Columns()
        {
            if (_count != capacity) throw new InvalidOperationException($"the batch holds {_count} of the {capacity} rows it was made for");
            return (_count, numericWidth, categoricalWidth, _numeric, _categorical, _labels, _scores, _predicted, _rowVersions);
        }
    }
}
