using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamMl.Core.Contracts;
using Xunit;

namespace StreamMl.Tests.Protocols;

/// <summary>A shared array's kept text is the text of writing its strings in turn, whatever the encoder.</summary>
public sealed class SharedArrayJsonTests
{
    public static TheoryData<string> Encoders => ["default", "relaxed"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Writes_shared_and_single_arrays_as_their_strings_in_turn(string encoderName)
    {
        var encoder = encoderName == "relaxed" ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null;
        var random = new Random(9);
        string?[] texts = ["*", "dayPart=night", "ünïcödé-ß", "quote\"back\\slash", "<script>&'", "emoji-😀", "tab\tnew\nline", "\u007f\u0001", "", null];
        // 200 arrays shared over the records (more than the table's slots, so slots are taken over), and arrays of their own.
        var shared = Enumerable.Range(0, 200).Select(_ => RandomArray(random, texts)).ToArray();
        var arrays = Enumerable.Range(0, 20_000)
            .Select(i => i % 7 == 0 ? RandomArray(random, texts) : shared[random.Next(i % 3 == 0 ? shared.Length : 5)])
            .ToArray();

        var writer = new SharedArrayJson(encoder);
        var expected = Write(arrays, encoder, (w, values) =>
        {
            w.WriteStartArray();
            foreach (var value in values)
            {
                if (value is null) w.WriteNullValue();
                else w.WriteStringValue(value);
            }
            w.WriteEndArray();
        });
        var actual = Write(arrays, encoder, writer.Write);

        Assert.Equal(expected, actual);
        Assert.Contains(encoder is null ? "\\u00FC" : "ü", actual);
    }

    private static string?[] RandomArray(Random random, string?[] texts) =>
        Enumerable.Range(0, random.Next(0, 4)).Select(_ => texts[random.Next(texts.Length)]).ToArray();

    /// <summary>The arrays as an object's properties, so each comes after a name, and in an array, after a comma.</summary>
    private static string Write(string?[][] arrays, JavaScriptEncoder? encoder, Action<Utf8JsonWriter, string?[]> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = encoder }))
        {
            w.WriteStartObject();
            w.WriteStartArray("all");
            foreach (var values in arrays) write(w, values);
            w.WriteEndArray();
            for (var i = 0; i < 1000; i++)
            {
                w.WritePropertyName($"p{i}");
                write(w, arrays[i]);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
