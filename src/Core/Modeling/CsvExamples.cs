using System.Buffers;
using System.Globalization;
using System.Text.Json;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>
/// Reads a CSV of examples (one column per spec feature, plus the label column) into events with
/// ids "row-N", N the 0-based data row. Each row is written as event JSON and run through the
/// <see cref="EventDecoder"/>, so a row passes exactly when the same event from a topic would.
/// </summary>
/// <remarks>Empty fields are missing values; columns the spec does not name are ignored.</remarks>
public static class CsvExamples
{
    public static IReadOnlyList<ValidEvent> Read(string path, CompiledSpec spec, EventDecoder? decoder = null)
    {
        using var reader = CsvRowReader.Open(path);
        return Read(reader, spec, decoder);
    }

    public static IReadOnlyList<ValidEvent> Read(CsvRowReader reader, CompiledSpec spec, EventDecoder? decoder = null)
    {
        decoder ??= new EventDecoder(spec);
        var columns = Columns(reader, spec);
        var buffer = new ArrayBufferWriter<byte>(256);
        var events = new List<ValidEvent>();
        using var json = new Utf8JsonWriter(buffer);
        foreach (var row in reader.Rows())
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            WriteEvent(json, row, columns, spec.Spec.Label.Kind);
            json.Flush();
            var result = decoder.Decode(buffer.WrittenSpan);
            if (result.Event is null)
                throw new CsvException($"line {row.LineNumber}: {result.Rejection}", row.LineNumber);
            events.Add(result.Event);
        }
        return events;
    }

    private enum Role { Ignored, Numeric, Categorical, Label }

    private static (Role Role, string Name)[] Columns(CsvRowReader reader, CompiledSpec spec)
    {
        var columns = new (Role, string)[reader.Header.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = reader.Header[i];
            var role = Role.Ignored;
            foreach (var f in spec.Spec.Features)
                if (f.Name == name) role = f.Kind == ColumnKind.Numeric ? Role.Numeric : Role.Categorical;
            if (name == spec.Spec.Label.Name) role = Role.Label;
            columns[i] = (role, name);
        }
        return columns;
    }

    private static void WriteEvent(Utf8JsonWriter json, CsvRow row, (Role Role, string Name)[] columns, LabelKind labelKind)
    {
        json.WriteStartObject();
        json.WriteString("id", "row-" + row.RowNumber.ToString(CultureInfo.InvariantCulture));
        json.WriteStartObject("features");
        for (var i = 0; i < columns.Length; i++)
        {
            var (role, name) = columns[i];
            var text = row.Fields[i];
            if (role is not (Role.Numeric or Role.Categorical)) continue;
            if (text.Length == 0) json.WriteNull(name);
            else if (role == Role.Categorical) json.WriteString(name, text);
            else json.WriteNumber(name, Number(text, name, row.LineNumber));
        }
        json.WriteEndObject();
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Role != Role.Label || row.Fields[i].Length == 0) continue;
            // Binary labels go as text: the decoder matches them against the spec's class values.
            if (labelKind == LabelKind.Binary) json.WriteString("label", row.Fields[i]);
            else json.WriteNumber("label", Number(row.Fields[i], columns[i].Name, row.LineNumber));
        }
        json.WriteEndObject();
    }

    private static double Number(string text, string column, int line)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)) return x;
        throw new CsvException($"line {line}: column '{column}' = '{(text.Length <= 64 ? text : text[..64] + "…")}' is not a finite number", line);
    }
}
