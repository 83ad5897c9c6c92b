using System.Globalization;
using System.Text;
using Confluent.Kafka;
using StreamMl.Core.Contracts;

namespace StreamMl.Streams.Ingestion;

/// <summary>Builds the dead-letter record of a rejected input: the original key and bytes, plus headers naming why and where from.</summary>
public static class DeadLetterMessage
{
    /// <param name="source">The consumed record: where it was read (its key and value, whatever they were decoded to, are not used).</param>
    /// <param name="key">The record's original key.</param>
    /// <param name="value">The record's original value.</param>
    /// <param name="reason">Why it was rejected.</param>
    public static Message<byte[]?, byte[]?> Create<TKey, TValue>(ConsumeResult<TKey, TValue> source, byte[]? key, byte[]? value, RejectionReason reason)
    {
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason.Code) },
            { DeadLetterHeaders.Detail, Encoding.UTF8.GetBytes(reason.Detail) },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic) },
            { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
        };
        return new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = headers };
    }

    /// <summary>Reads a header as UTF-8 text, or null when absent.</summary>
    public static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
