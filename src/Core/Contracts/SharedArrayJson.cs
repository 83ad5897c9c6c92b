using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamMl.Core.Contracts;

/// <summary>
/// Writes arrays of strings as JSON arrays, keeping the text of arrays that come back: an event's derived values and
/// slice keys are arrays the decoder makes once per combination and shares between all the events that have it
/// (<see cref="Ingestion.EventDecoder"/>), so a writer of many events' arrays encodes each shared one once, not once
/// per event. The same bytes as writing each string in turn.
/// </summary>
/// <remarks>
/// Arrays are told apart by reference, so an array must not change once written; an event's never do. A small table
/// keyed by the array's identity: an array seen a second time while it holds its slot has its text kept there, and an
/// array seen once (an event whose arrays are its own) is written the ordinary way and only takes the slot. One
/// instance per writer; not thread-safe.
/// </remarks>
public sealed class SharedArrayJson
{
    private const int Slots = 64;

    private readonly string?[]?[] _arrays = new string?[]?[Slots];
    private readonly byte[]?[] _texts = new byte[]?[Slots];
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly Utf8JsonWriter _scratchWriter;

    /// <param name="encoder">The encoder of the writers this instance writes to: the text kept is escaped as they escape.</param>
    public SharedArrayJson(JavaScriptEncoder? encoder = null) =>
        _scratchWriter = new Utf8JsonWriter(_scratch, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });

    /// <summary>Writes <paramref name="values"/> as a JSON array value, nulls as null.</summary>
    public void Write(Utf8JsonWriter writer, string?[] values)
    {
        var slot = (RuntimeHelpers.GetHashCode(values) & int.MaxValue) % Slots;
        if (!ReferenceEquals(_arrays[slot], values))
        {
            _arrays[slot] = values;
            _texts[slot] = null;
            WriteStrings(writer, values);
            return;
        }
        if (_texts[slot] is not { } text)
        {
            _scratch.ResetWrittenCount();
            _scratchWriter.Reset(_scratch);
            WriteStrings(_scratchWriter, values);
            _scratchWriter.Flush();
            _texts[slot] = text = _scratch.WrittenSpan.ToArray();
        }
        writer.WriteRawValue(text, skipInputValidation: true);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string?[] values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
