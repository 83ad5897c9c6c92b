namespace StreamMl.Core.Files;

/// <summary>A CSV text that breaks RFC 4180 (a misplaced or unclosed quote) at a line.</summary>
public sealed class CsvSyntaxException(long line, string detail) : FormatException($"line {line}: {detail}")
{
    public long Line { get; } = line;
    public string Detail { get; } = detail;
}

/// <summary>
/// The one CSV parser of StreamMl. Splits a CSV text into records (RFC 4180: comma-separated, fields may be double-quoted, a doubled quote
/// inside quotes is a quote, quoted fields may span lines). Reads one line at a time; the fields of the current
/// record are spans into a reused buffer, so unquoted fields cost no allocation.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private char[] _buffer = new char[256];
    private int _length;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private long _nextLine = 1;

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    public ReadOnlySpan<char> Field(int index) => _buffer.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Reads the next non-blank record; false at the end of the text.</summary>
    /// <exception cref="CsvSyntaxException">A quote is misplaced or never closed.</exception>
    public bool Read()
    {
        string? line;
        do
        {
            line = reader.ReadLine();
            if (line is null) return false;
            LineNumber = _nextLine++;
        }
        while (line.Length == 0);

        _length = 0;
        FieldCount = 0;
        var pos = 0;
        while (true)
        {
            var start = _length;
            if (pos < line.Length && line[pos] == '"')
            {
                pos++;
                while (true)
                {
                    var quote = line.IndexOf('"', pos);
                    if (quote < 0)
                    {
                        // The quoted field goes on past the end of the line.
                        Append(line.AsSpan(pos));
                        Append("\n");
                        line = reader.ReadLine() ?? throw new CsvSyntaxException(LineNumber, "a quoted field is never closed");
                        _nextLine++;
                        pos = 0;
                        continue;
                    }
                    Append(line.AsSpan(pos, quote - pos));
                    if (quote + 1 < line.Length && line[quote + 1] == '"')
                    {
                        Append("\"");
                        pos = quote + 2;
                        continue;
                    }
                    pos = quote + 1;
                    break;
                }
                if (pos < line.Length && line[pos] != ',')
                    throw new CsvSyntaxException(_nextLine - 1, $"unexpected character '{line[pos]}' after a closing quote");
            }
            else
            {
                var comma = line.IndexOf(',', pos);
                var end = comma < 0 ? line.Length : comma;
                var field = line.AsSpan(pos, end - pos);
                if (field.Contains('"'))
                    throw new CsvSyntaxException(_nextLine - 1, "a quote inside an unquoted field (quote the whole field and double the quote)");
                Append(field);
                pos = end;
            }
            AddField(start, _length - start);
            if (pos >= line.Length) return true;
            pos++; // the comma
            if (pos == line.Length)
            {
                // A trailing comma: one more, empty field.
                AddField(_length, 0);
                return true;
            }
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + text.Length));
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    private void AddField(int start, int length)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[FieldCount] = start;
        _lengths[FieldCount] = length;
        FieldCount++;
    }
}
