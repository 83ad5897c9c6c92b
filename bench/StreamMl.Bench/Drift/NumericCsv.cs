using System.Globalization;

namespace StreamMl.Bench.Drift;

/// <summary>
/// A CSV with a header, numeric feature columns and the class label in the last column (elec, sea_stream,
/// weather). Labels are renumbered 0..K−1 in ascending order of their values.
/// </summary>
public sealed class NumericCsv
{
    private readonly double[] _values;

    private NumericCsv(string[] names, double[] values, int[] labels, int classes)
    {
        Names = names;
        _values = values;
        Labels = labels;
        Classes = classes;
    }

    public IReadOnlyList<string> Names { get; }
    public int Features => Names.Count;
    public int Rows => Labels.Length;
    public int[] Labels { get; }
    public int Classes { get; }

    public ReadOnlySpan<double> Row(int i) => _values.AsSpan(i * Features, Features);

    /// <exception cref="Core.Modeling.CsvException">The file is missing, empty or has a malformed row.</exception>
    public static NumericCsv Read(string path)
    {
        if (!File.Exists(path)) throw new Core.Modeling.CsvException($"dataset '{path}' does not exist", 0);
        using var reader = Core.Modeling.CsvRowReader.Open(path);
        var header = reader.Header;
        if (header.Length < 2) throw new Core.Modeling.CsvException($"'{path}': expected features and a label column", 1);
        var features = header.Length - 1;
        var values = new List<double>();
        var rawLabels = new List<double>();
        foreach (var row in reader.Rows())
        {
            for (var j = 0; j < row.Fields.Length; j++)
            {
                if (!double.TryParse(row.Fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new Core.Modeling.CsvException($"'{path}' line {row.LineNumber}: '{row.Fields[j]}' is not a number", row.LineNumber);
                if (j < features) values.Add(v);
                else rawLabels.Add(v);
            }
        }
        var classes = rawLabels.Distinct().Order().ToArray();
        var labels = rawLabels.Select(v => Array.BinarySearch(classes, v)).ToArray();
        return new NumericCsv(header[..features], [.. values], labels, classes.Length);
    }
}
