using Confluent.Kafka;
using StreamMl.Core.Contracts;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// A record decoded: the item its value carries, or why it goes to the dead-letter topic with its key and value for it.
/// </summary>
public readonly record struct DecodedRecord<TItem>(TItem? Item, RejectionReason? Rejection, byte[]? Value, byte[]? Key = null) where TItem : class;

/// <summary>
/// The value deserializer of a pipeline's consumer: decodes each record with its handler where the Kafka client holds
/// the value, on the consumer's thread, so that no copy of a valid record's bytes is made; a record set aside keeps a
/// copy of its value, and of its key (from <see cref="Keys"/>), for the dead-letter topic. Never throws (the client
/// would stop consuming): should a decoder fail anyway, that record is set aside with the reason.
/// </summary>
public sealed class RecordDecoder<TItem, TReceipt>(IBatchHandler<TItem, TReceipt> handler) : IDeserializer<DecodedRecord<TItem>>
    where TItem : class
{
    /// <summary>The key deserializer that goes with this decoder in the same consumer.</summary>
    public HeldRecordKey Keys { get; } = new();

    public DecodedRecord<TItem> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        Decoded<TItem> decoded;
        try
        {
            decoded = handler.Decode(data);
        }
        catch (Exception e)
        {
            decoded = new Decoded<TItem>(null, new RejectionReason(RejectionCodes.InternalError, $"{e.GetType().FullName}: {e.Message}"));
        }
        if (decoded.Item is { } item) return new DecodedRecord<TItem>(item, null, null);
        var reason = decoded.Rejection ?? new RejectionReason(RejectionCodes.InternalError, "the decoder gave neither an item nor a reason");
        return new DecodedRecord<TItem>(null, reason, isNull ? null : data.ToArray(), Keys.Copy());
    }
}
