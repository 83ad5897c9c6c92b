using System.Buffers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace StreamMl.Cluster.Commands;

/// <summary>
/// One Kafka record as one JSON line: topic, partition, offset, timestamp, key, headers, and the value embedded as
/// JSON when it is JSON, as text when it is other UTF-8 text (<c>valueText</c>), or as base64 otherwise
/// (<c>valueBase64</c>): a dead letter's original bytes may be anything.
/// </summary>
public static class RecordJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(Utf8JsonWriter writer, ConsumeResult<byte[]?, byte[]?> record)
    {
        writer.WriteStartObject();
        writer.WriteString("topic", record.Topic);
        writer.WriteNumber("partition", record.Partition.Value);
        writer.WriteNumber("offset", record.Offset.Value);
        if (record.Message.Timestamp.Type != TimestampType.NotAvailable)
            writer.WriteString("timestamp", record.Message.Timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        WriteBytes(writer, "key", record.Message.Key, asJson: false);
        if (record.Message.Headers is { Count: > 0 } headers)
        {
            writer.WriteStartObject("headers");
            foreach (var header in headers) WriteBytes(writer, header.Key, header.GetValueBytes(), asJson: false);
            writer.WriteEndObject();
        }
        WriteBytes(writer, "value", record.Message.Value, asJson: true);
        writer.WriteEndObject();
    }

    /// <summary>Bytes as embedded JSON (when asked and valid), UTF-8 text, or base64 under <c>{name}Base64</c>; null stays null.</summary>
    private static void WriteBytes(Utf8JsonWriter writer, string name, byte[]? bytes, bool asJson)
    {
        if (bytes is null)
        {
            writer.WriteNull(name);
            return;
        }
        if (asJson && IsJson(bytes))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(bytes, skipInputValidation: true);
            return;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            writer.WriteBase64String(name + "Base64", bytes);
            return;
        }
        writer.WriteString(asJson ? name + "Text" : name, text);
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            while (reader.Read())
            {
            }
            return reader.BytesConsumed == bytes.Length && bytes.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A record's JSON line as a string (for tests and small outputs).</summary>
    public static string ToLine(ConsumeResult<byte[]?, byte[]?> record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
