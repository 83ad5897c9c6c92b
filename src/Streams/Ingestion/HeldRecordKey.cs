using Confluent.Kafka;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// The key deserializer of a pipeline's consumer: holds each record's key in one reused buffer, from which the value
/// decoder (<see cref="RecordDecoder{TItem,TReceipt}"/>) copies the key of a record it sets aside, and gives the
/// consumed record no key of its own: nothing reads a valid record's key, so no array is made for it. The client
/// deserializes a record's key, then its value, on the consumer's one thread.
/// </summary>
public sealed class HeldRecordKey : IDeserializer<byte[]?>
{
    private byte[] _bytes = new byte[64];
    private int _length;
    private bool _isNull = true;

    /// <summary>Holds the key; returns null, the key of every record consumed.</summary>
    public byte[]? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        _isNull = isNull;
        _length = data.Length;
        if (data.Length > _bytes.Length) _bytes = new byte[Math.Max(data.Length, 2 * _bytes.Length)];
        data.CopyTo(_bytes);
        return null;
    }

    /// <summary>A copy of the key held last: the key of the record whose value is being deserialized; null for a record without one.</summary>
    public byte[]? Copy() => _isNull ? null : _bytes.AsSpan(0, _length).ToArray();
}
