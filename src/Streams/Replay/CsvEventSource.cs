using System.Collections;
using System.Globalization;
using StreamMl.Core.Contracts;
using StreamMl.Core.Files;
using StreamMl.Core.Spec;

namespace StreamMl.Streams.Replay;

/// <summary>A CSV file that cannot be turned into events; the message names the file, line and column.</summary>
public sealed class CsvFormatException(string source, long line, string? column, string detail)
    : Exception(column is null ? $"{source}:{line}: {detail}" : $"{source}:{line}: column '{column}': {detail}")
{
    public string FileName { get; } = source;
    public long Line { get; } = line;
    public string? Column { get; } = column;
}

/// <summary>
/// Replays a CSV file with a header row as <see cref="EventRecord"/>s shaped by a spec: one event per data row,
/// id <c>{idPrefix}{row}</c> (data rows counted from 0, before <c>skip</c>), the spec's features as numbers
/// (numeric) or strings (categorical), an empty cell as missing, and the spec's label when asked for.
/// The file is read as it is enumerated, never loaded whole; each enumeration reads it again.
/// </summary>
public sealed class CsvEventSource : IEnumerable<EventRecord>
{
    private readonly Func<TextReader> _open;
    private readonly PipelineSpec _spec;
    private readonly bool _includeLabels;
    private readonly string _idPrefix;
    private readonly long _skip;
    private readonly long? _take;
    private readonly Func<long, DateTimeOffset?>? _time;
    private readonly int[] _featureColumns;
    private readonly int _labelColumn = -1;

    /// <summary>Opens a CSV file; checks its header now, so a missing column fails before anything is produced.</summary>
    /// <param name="path">The CSV file (UTF-8, header row first).</param>
    /// <param name="spec">The spec whose features (and label) are read.</param>
    /// <param name="includeLabels">Whether events carry the spec's label column.</param>
    /// <param name="idPrefix">Put before the row number to make the event id.</param>
    /// <param name="skip">Data rows to pass over first.</param>
    /// <param name="take">Most events to yield; null for all.</param>
    /// <param name="time">The event time of a row (given its row number); none by default.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CsvFormatException">The header lacks a column the spec names.</exception>
    public CsvEventSource(string path, PipelineSpec spec, bool includeLabels = false, string idPrefix = "",
        long skip = 0, long? take = null, Func<long, DateTimeOffset?>? time = null)
        : this(() => OpenFile(path), path, spec, includeLabels, idPrefix, skip, take, time)
    {
    }

    /// <summary>Reads CSV text from <paramref name="open"/> (called once per enumeration, and once now for the header).</summary>
    public CsvEventSource(Func<TextReader> open, string sourceName, PipelineSpec spec, bool includeLabels = false,
        string idPrefix = "", long skip = 0, long? take = null, Func<long, DateTimeOffset?>? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (take is { } t) ArgumentOutOfRangeException.ThrowIfNegative(t, nameof(take));
        _open = open;
        SourceName = sourceName;
        _spec = spec;
        _includeLabels = includeLabels;
        _idPrefix = idPrefix;
        _skip = skip;
        _take = take;
        _time = time;

        using var reader = open();
        var csv = new CsvRecordReader(reader);
        Columns = ReadHeader(csv);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++) index.TryAdd(Columns[i], i);
        _featureColumns = spec.Features.Select(f => index.TryGetValue(f.Name, out var c)
            ? c
            : throw new CsvFormatException(sourceName, 1, f.Name, "the spec names this feature but the header has no such column")).ToArray();
        if (includeLabels)
            _labelColumn = index.TryGetValue(spec.Label.Name, out var l)
                ? l
                : throw new CsvFormatException(sourceName, 1, spec.Label.Name, "labels were asked for but the header has no label column");
    }

    /// <summary>The file name used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The header's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public IEnumerator<EventRecord> GetEnumerator()
    {
        using var reader = _open();
        var csv = new CsvRecordReader(reader);
        ReadHeader(csv);
        var features = _spec.Features;
        var numeric = features.Select(f => f.Kind == ColumnKind.Numeric).ToArray();
        var categories = features.Select(_ => new CategoryCache()).ToArray();
        var labelCache = new CategoryCache();
        var labelIsNumeric = _spec.Label.Kind == LabelKind.Numeric;
        var row = -1L;
        var yielded = 0L;
        while (_take is not { } take || yielded < take)
        {
            if (!Next(csv)) yield break;
            row++;
            if (row < _skip) continue;

            var values = new Dictionary<string, FeatureValue>(features.Count, StringComparer.Ordinal);
            for (var i = 0; i < features.Count; i++)
            {
                var cell = csv.Field(_featureColumns[i]);
                values[features[i].Name] = numeric[i]
                    ? ParseNumber(cell, csv.LineNumber, features[i].Name)
                    : cell.IsWhiteSpace() ? FeatureValue.Missing : FeatureValue.Of(categories[i].Get(cell));
            }
            FeatureValue? label = null;
            if (_labelColumn >= 0)
            {
                var cell = csv.Field(_labelColumn);
                if (!cell.IsWhiteSpace())
                    label = labelIsNumeric ? ParseNumber(cell, csv.LineNumber, _spec.Label.Name)
                        : TryParseNumber(cell, out var x) ? FeatureValue.Of(x)
                        : FeatureValue.Of(labelCache.Get(cell.Trim()));
            }
            yielded++;
            yield return new EventRecord(_idPrefix + row.ToString(CultureInfo.InvariantCulture), _time?.Invoke(row), values, label);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Next(CsvRecordReader csv)
    {
        bool more;
        try
        {
            more = csv.Read();
        }
        catch (CsvSyntaxException e)
        {
            throw new CsvFormatException(SourceName, e.Line, null, e.Detail);
        }
        if (more && csv.FieldCount != Columns.Count)
            throw new CsvFormatException(SourceName, csv.LineNumber, null, $"the row has {csv.FieldCount} fields but the header has {Columns.Count}");
        return more;
    }

    private List<string> ReadHeader(CsvRecordReader csv)
    {
        bool any;
        try
        {
            any = csv.Read();
        }
        catch (CsvSyntaxException e)
        {
            throw new CsvFormatException(SourceName, e.Line, null, e.Detail);
        }
        if (!any) throw new CsvFormatException(SourceName, 1, null, "the file is empty; a header row is needed");
        var columns = new List<string>(csv.FieldCount);
        for (var i = 0; i < csv.FieldCount; i++) columns.Add(csv.Field(i).Trim().ToString());
        return columns;
    }

    private FeatureValue ParseNumber(ReadOnlySpan<char> cell, long line, string column)
    {
        if (cell.IsWhiteSpace()) return FeatureValue.Missing;
        if (TryParseNumber(cell, out var x)) return FeatureValue.Of(x);
        var shown = cell.Length > 40 ? cell[..40].ToString() + "…" : cell.ToString();
        throw new CsvFormatException(SourceName, line, column, $"'{shown}' is not a finite number");
    }

    private static bool TryParseNumber(ReadOnlySpan<char> cell, out double x) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out x) && double.IsFinite(x);

    private static TextReader OpenFile(string path) =>
        !File.Exists(path) ? throw new FileNotFoundException($"CSV file '{path}' does not exist", path) : Core.Files.TextFile.Open(path);

    /// <summary>Reuses the string of a category seen before, so repeated values are not allocated again.</summary>
    private sealed class CategoryCache
    {
        private const int MaxEntries = 4096;
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public string Get(ReadOnlySpan<char> text)
        {
            var lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var known)) return known;
            var s = text.ToString();
            if (_seen.Count < MaxEntries) _seen.Add(s);
            return s;
        }
    }
}
