using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;

namespace StreamMl.Storage;

/// <summary>
/// The JSON an example row keeps of its event (the id has a column of its own):
/// <c>{"time":"2024-05-01T12:30:00+02:00","numeric":[0.5,null,-0],"categorical":["mon",null],"derived":[null],"label":1,"slices":["*"]}</c>.
/// </summary>
/// <remarks>
/// Exact round trip: a missing numeric value (NaN) is null; infinities, and a NaN label, are the strings
/// <c>"Infinity"</c>, <c>"-Infinity"</c> and <c>"NaN"</c>; other numbers are written in their shortest
/// round-trip form, -0 included; the time keeps its ticks and offset.
/// </remarks>
internal sealed class ExamplePayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _writer = new(Stream.Null, WriterOptions);
    private readonly RepeatedNumberJson _numbers = new();
    private readonly SharedArrayJson _arrays = new(WriterOptions.Encoder);

    /// <summary>
    /// Appends the payload of <paramref name="e"/> with <paramref name="label"/> as its label (the event's own is not
    /// read) in UTF-8 to <paramref name="output"/>; one instance reuses its writer.
    /// </summary>
    public void Write(ValidEvent e, double label, IBufferWriter<byte> output)
    {
        _writer.Reset(output);
        var w = _writer;
        w.WriteStartObject();
        if (e.Time is { } time) w.WriteString("time", time);
        else w.WriteNull("time");
        w.WriteStartArray("numeric");
        foreach (var value in e.Numeric)
        {
            if (double.IsNaN(value)) w.WriteNullValue();
            else _numbers.Write(w, value);
        }
        w.WriteEndArray();
        w.WritePropertyName("categorical");
        _arrays.Write(w, e.Categorical);
        w.WritePropertyName("derived");
        _arrays.Write(w, e.Derived);
        w.WritePropertyName("label");
        _numbers.Write(w, label);
        w.WritePropertyName("slices");
        _arrays.Write(w, e.Slices);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>The event with id <paramref name="eventId"/> that <paramref name="payload"/> describes.</summary>
    /// <exception cref="FormatException">The payload is not the JSON <see cref="Write"/> produces.</exception>
    public static ValidEvent Read(string eventId, string payload)
    {
        try
        {
            return Parse(eventId, Encoding.UTF8.GetBytes(payload));
        }
        catch (JsonException e)
        {
            throw new FormatException($"the stored payload of event '{eventId}' is not valid JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"the stored payload of event '{eventId}' is malformed: {e.Message}", e);
        }
    }

    private static ValidEvent Parse(string eventId, byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartObject, eventId, "the payload");
        DateTimeOffset? time = null;
        double[]? numeric = null;
        string?[]? categorical = null, derived = null;
        string[]? slices = null;
        double? label = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "time":
                    time = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                case "numeric":
                    numeric = ReadNumbers(ref reader, eventId);
                    break;
                case "categorical":
                    categorical = ReadStrings(ref reader, eventId, name);
                    break;
                case "derived":
                    derived = ReadStrings(ref reader, eventId, name);
                    break;
                case "label":
                    label = reader.TokenType == JsonTokenType.Null ? null : ReadNumber(ref reader);
                    break;
                case "slices":
                    var read = ReadStrings(ref reader, eventId, name);
                    if (Array.IndexOf(read, null) >= 0) throw Malformed(eventId, "a slice key is null");
                    slices = read!;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw Malformed(eventId, "the payload object is not closed");
        return new ValidEvent(
            eventId,
            time,
            numeric ?? throw Missing(eventId, "numeric"),
            categorical ?? throw Missing(eventId, "categorical"),
            derived ?? throw Missing(eventId, "derived"),
            label,
            slices ?? throw Missing(eventId, "slices"));
    }

    private static double[] ReadNumbers(ref Utf8JsonReader reader, string eventId)
    {
        Expect(ref reader, JsonTokenType.StartArray, eventId, "numeric");
        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            values.Add(reader.TokenType == JsonTokenType.Null ? double.NaN : ReadNumber(ref reader));
        return values.ToArray();
    }

    private static double ReadNumber(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var other => throw new InvalidOperationException($"'{other}' is not a number"),
            }
            : reader.GetDouble();

    private static string?[] ReadStrings(ref Utf8JsonReader reader, string eventId, string name)
    {
        Expect(ref reader, JsonTokenType.StartArray, eventId, name);
        var values = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            values.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());
        return values.ToArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string eventId, string what)
    {
        if (reader.TokenType == JsonTokenType.None) reader.Read();
        if (reader.TokenType != type) throw Malformed(eventId, $"{what} is {reader.TokenType}, expected {type}");
    }

    private static FormatException Missing(string eventId, string name) => Malformed(eventId, $"'{name}' is missing");

    private static FormatException Malformed(string eventId, string problem) =>
        new($"the stored payload of event '{eventId}' is malformed: {problem}");
}
