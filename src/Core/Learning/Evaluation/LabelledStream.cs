using System.Globalization;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning.Evaluation;

/// <summary>A labelled stream held in memory in its order: each event's features in a schema's layout, and its label.</summary>
public sealed class LabelledStream
{
    private readonly double[] _numeric;
    private readonly string?[] _categorical;
    private readonly double[] _labels;

    /// <param name="numeric">Event i's numeric features at [i·N, (i + 1)·N), N = the schema's numeric features.</param>
    /// <param name="categorical">Event i's categorical features at [i·C, (i + 1)·C).</param>
    public LabelledStream(string name, LearnerSchema schema, double[] numeric, string?[] categorical, double[] labels)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (numeric.Length != labels.Length * schema.NumericFeatures.Count || categorical.Length != labels.Length * schema.CategoricalFeatures.Count)
            throw new ArgumentException("the feature arrays do not hold one row per label", nameof(numeric));
        (Name, Schema, _numeric, _categorical, _labels) = (name, schema, numeric, categorical, labels);
    }

    public string Name { get; }
    public LearnerSchema Schema { get; }
    public int Count => _labels.Length;

    public double Label(int i) => _labels[i];

    public LearnerInput Input(int i, ReadOnlySpan<double> revealedLabels = default)
    {
        int n = Schema.NumericFeatures.Count, c = Schema.CategoricalFeatures.Count;
        return new LearnerInput(_numeric.AsSpan(i * n, n), _categorical.AsSpan(i * c, c), revealedLabels);
    }

    /// <summary>The first <paramref name="count"/> events (all of them when there are fewer).</summary>
    public LabelledStream Head(int count)
    {
        var n = Math.Min(count, Count);
        return new LabelledStream(Name, Schema, _numeric[..(n * Schema.NumericFeatures.Count)],
            _categorical[..(n * Schema.CategoricalFeatures.Count)], _labels[..n]);
    }

    /// <summary>
    /// Reads a CSV file (plain or gzip) with a header. The label is <paramref name="labelColumn"/>, or the last
    /// column; it is binary when every value is 0 or 1, numeric otherwise. Every other column is a numeric
    /// feature when all its non-empty values are numbers, a categorical one otherwise; an empty field is missing.
    /// </summary>
    public static LabelledStream ReadCsv(string path, string? labelColumn = null, string? name = null)
    {
        using var csv = CsvRowReader.Open(path);
        var rows = csv.Rows().Select(r => r.Fields).ToList();
        var label = labelColumn is null ? csv.Header.Length - 1 : csv.IndexOf(labelColumn);
        if (label < 0) throw new ArgumentException($"{path}: no column '{labelColumn}'", nameof(labelColumn));
        var features = Enumerable.Range(0, csv.Header.Length).Where(j => j != label).ToArray();
        var numeric = features.Where(j => rows.All(r => r[j].Length == 0 || Number(r[j]) is not null)).ToArray();
        var categorical = features.Except(numeric).ToArray();
        var labels = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            labels[i] = Number(rows[i][label]) ?? throw new InvalidDataException($"{path}: row {i + 1}: the label '{rows[i][label]}' is not a number");
        var kind = labels.All(y => y is 0 or 1) ? LabelKind.Binary : LabelKind.Numeric;
        var schema = new LearnerSchema(numeric.Select(j => csv.Header[j]).ToArray(), categorical.Select(j => csv.Header[j]).ToArray(), kind);
        var x = new double[rows.Count * numeric.Length];
        var c = new string?[rows.Count * categorical.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = 0; k < numeric.Length; k++) x[i * numeric.Length + k] = Number(rows[i][numeric[k]]) ?? double.NaN;
            for (var k = 0; k < categorical.Length; k++) c[i * categorical.Length + k] = rows[i][categorical[k]] is { Length: > 0 } v ? v : null;
        }
        return new LabelledStream(name ?? Path.GetFileName(path), schema, x, c, labels);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null;
}
