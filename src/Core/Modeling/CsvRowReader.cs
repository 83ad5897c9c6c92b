using StreamMl.Core.Files;

namespace StreamMl.Core.Modeling;

/// <summary>One data row of a CSV file.</summary>
/// <param name="RowNumber">0-based index among the data rows (the header is not a row).</param>
/// <param name="LineNumber">1-based line where the row starts (the header is line 1).</param>
/// <param name="Fields">The row's fields, in header order.</param>
public sealed record CsvRow(int RowNumber, int LineNumber, string[] Fields);

/// <summary>Reads a CSV file with a header row into rows of named columns, with <see cref="CsvRecordReader"/>.</summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly CsvRecordReader _records;
    private readonly string _source;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public CsvRowReader(TextReader reader, string source = "csv")
    {
        _reader = reader;
        _records = new CsvRecordReader(reader);
        _source = source;
        Header = ReadRecord() ?? throw new CsvException($"{source}: the file is empty; a header row is needed", 1);
        for (var i = 0; i < Header.Length; i++)
            if (!_columns.TryAdd(Header[i], i)) throw new CsvException($"{source}:1: column '{Header[i]}' appears twice", 1);
    }

    /// <summary>Opens a CSV file, plain or gzip-compressed.</summary>
    public static CsvRowReader Open(string path) => new(TextFile.Open(path), path);

    public string[] Header { get; }

    /// <summary>The index of a column, or -1 when the header lacks it.</summary>
    public int IndexOf(string column) => _columns.GetValueOrDefault(column, -1);

    /// <summary>The data rows in order (blank lines skipped); a row with the wrong number of fields is an error.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        for (var row = 0; ; row++)
        {
            var fields = ReadRecord();
            if (fields is null) yield break;
            var line = (int)_records.LineNumber;
            if (fields.Length != Header.Length)
                throw new CsvException($"{_source}:{line}: the row has {fields.Length} fields; the header has {Header.Length}", line);
            yield return new CsvRow(row, line, fields);
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>The next record's fields, or null at the end.</summary>
    private string[]? ReadRecord()
    {
        try
        {
            if (!_records.Read()) return null;
        }
        catch (CsvSyntaxException e)
        {
            throw new CsvException($"{_source}:{e.Line}: {e.Detail}", (int)e.Line);
        }
        var fields = new string[_records.FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = _records.Field(i).ToString();
        return fields;
    }
}
