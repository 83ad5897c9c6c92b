using System.Text;

namespace StreamMl.Core.Modeling;

/// <summary>One data row of a CSV file.</summary>
/// <param name="RowNumber">0-based index among the data rows (the header is not a row).</param>
/// <param name="LineNumber">1-based line where the row starts (the header is line 1).</param>
/// <param name="Fields">The row's fields, in header order.</param>
public sealed record CsvRow(int RowNumber, int LineNumber, string[] Fields);

/// <summary>Reads a CSV file with a header row: comma-separated, fields optionally in double quotes (RFC 4180).</summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly StringBuilder _field = new();
    private int _line;

    public CsvRowReader(TextReader reader, string source = "csv")
    {
        _reader = reader;
        _source = source;
        Header = ReadRecord() ?? throw new CsvException($"{source}: the file is empty; a header row is needed", 1);
        for (var i = 0; i < Header.Length; i++)
            if (!_columns.TryAdd(Header[i], i)) throw new CsvException($"{source}:1: column '{Header[i]}' appears twice", 1);
    }

    /// <summary>Opens a CSV file, plain or gzip-compressed.</summary>
    public static CsvRowReader Open(string path) => new(Files.TextFile.Open(path), path);

    public string[] Header { get; }

    /// <summary>The index of a column, or -1 when the header lacks it.</summary>
    public int IndexOf(string column) => _columns.GetValueOrDefault(column, -1);

    /// <summary>The data rows in order; a row with the wrong number of fields is an error.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        for (var row = 0; ; row++)
        {
            var line = _line + 1;
            var fields = ReadRecord();
            if (fields is null) yield break;
            // A trailing blank line is common and means nothing.
            if (fields.Length == 1 && fields[0].Length == 0) { row--; continue; }
            if (fields.Length != Header.Length)
                throw new CsvException($"{_source}:{line}: the row has {fields.Length} fields; the header has {Header.Length}", line);
            yield return new CsvRow(row, line, fields);
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>The next record's fields, or null at the end; a quoted field may span lines.</summary>
    private string[]? ReadRecord()
    {
        var text = _reader.ReadLine();
        if (text is null) return null;
        _line++;
        var start = _line;
        var fields = new List<string>();
        var quoted = false;
        _field.Clear();
        for (var i = 0; ; i++)
        {
            if (i == text.Length)
            {
                if (!quoted) break;
                text = _reader.ReadLine() ?? throw new CsvException($"{_source}:{start}: a quoted field is not closed", start);
                _line++;
                _field.Append('\n');
                i = -1;
                continue;
            }
            var c = text[i];
            if (quoted)
            {
                if (c != '"') _field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { _field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && _field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(_field.ToString()); _field.Clear(); }
            else _field.Append(c);
        }
        fields.Add(_field.ToString());
        return fields.ToArray();
    }
}
