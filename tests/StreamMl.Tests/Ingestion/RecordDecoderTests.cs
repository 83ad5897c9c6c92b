using System.Text;
using Akka.Actor;
using Confluent.Kafka;
using StreamMl.Actors.Labels;
using StreamMl.Cluster.Ingestion;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Ingestion;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

/// <summary>
/// The pipeline's value deserializer decodes each record where the Kafka client holds it: a valid record's bytes are
/// not copied, a record set aside keeps an exact copy of its bytes (and key) for the dead-letter topic, and a decoder
/// that throws sets its record aside instead of stopping the consumer.
/// </summary>
public sealed class RecordDecoderTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streamml.labels");
    private static readonly RecordDecoder<ArrivedLabel, IReadOnlyList<LabelDelivery>> Labels = new(
        new LabelBatchHandler(new EventDecoder(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json")))), ActorRefs.Nobody, 4, TimeSpan.FromSeconds(1)));

    [Fact]
    public void A_valid_record_is_decoded_without_keeping_its_bytes()
    {
        var decoded = Labels.Deserialize("""{"id":"e-7","label":1}"""u8, isNull: false, Context);

        Assert.Equal("e-7", decoded.Item!.Id);
        Assert.Equal(1.0, decoded.Item.Label);
        Assert.Null(decoded.Rejection);
        Assert.Null(decoded.Value);
    }

    [Fact]
    public void A_record_set_aside_keeps_a_copy_of_exactly_its_bytes_and_the_decoders_reason()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":"e-7","label":""");
        var buffer = bytes.Concat(new byte[] { 0xAA, 0xBB }).ToArray();

        var decoded = Labels.Deserialize(buffer.AsSpan(0, bytes.Length), isNull: false, Context);
        buffer.AsSpan().Clear();

        Assert.Null(decoded.Item);
        Assert.Equal(RejectionCodes.InvalidJson, decoded.Rejection!.Code);
        Assert.Equal(bytes, decoded.Value);
    }

    [Fact]
    public void A_record_set_aside_keeps_a_copy_of_its_key_and_a_valid_one_gets_no_key_array()
    {
        var keyContext = new SerializationContext(MessageComponentType.Key, "streamml.labels");
        var decoder = new RecordDecoder<ArrivedLabel, IReadOnlyList<LabelDelivery>>(
            new LabelBatchHandler(new EventDecoder(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json")))), ActorRefs.Nobody, 4, TimeSpan.FromSeconds(1)));
        var key = new byte[200];
        Random.Shared.NextBytes(key);
        var original = key.ToArray();

        Assert.Null(decoder.Keys.Deserialize("e-7"u8, isNull: false, keyContext));
        var valid = decoder.Deserialize("""{"id":"e-7","label":1}"""u8, isNull: false, Context);
        Assert.Null(decoder.Keys.Deserialize(key, isNull: false, keyContext));
        var rejected = decoder.Deserialize("""{"id":"""u8, isNull: false, Context);
        key.AsSpan().Clear();
        decoder.Keys.Deserialize("e-9"u8, isNull: false, keyContext);
        var emptyKey = decoder.Keys.Deserialize([], isNull: false, keyContext);
        var rejectedWithEmptyKey = decoder.Deserialize("x"u8, isNull: false, Context);
        decoder.Keys.Deserialize([], isNull: true, keyContext);
        var rejectedWithoutKey = decoder.Deserialize("x"u8, isNull: false, Context);

        Assert.Null(valid.Key);
        Assert.NotNull(rejected.Rejection);
        Assert.Equal(original, rejected.Key);
        Assert.Null(emptyKey);
        Assert.Equal([], rejectedWithEmptyKey.Key!);
        Assert.Null(rejectedWithoutKey.Key);
    }

    [Fact]
    public void A_record_without_a_value_is_set_aside_without_one()
    {
        var decoded = Labels.Deserialize(ReadOnlySpan<byte>.Empty, isNull: true, Context);

        Assert.Null(decoded.Item);
        Assert.NotNull(decoded.Rejection);
        Assert.Null(decoded.Value);
    }

    [Fact]
    public void A_decoder_that_throws_sets_its_record_aside_with_the_exception_named()
    {
        var decoder = new RecordDecoder<string, int>(new ThrowingHandler());

        var decoded = decoder.Deserialize("abc"u8, isNull: false, Context);

        Assert.Null(decoded.Item);
        Assert.Equal(RejectionCodes.InternalError, decoded.Rejection!.Code);
        Assert.Contains(typeof(FormatException).FullName!, decoded.Rejection.Detail);
        Assert.Equal("abc"u8.ToArray(), decoded.Value);
    }

    /// <summary>A handler whose decoder fails on every record, as a decoder bug would.</summary>
    private sealed class ThrowingHandler : IBatchHandler<string, int>
    {
        public Decoded<string> Decode(ReadOnlySpan<byte> value) => throw new FormatException("unforeseen");

        public ValueTask<HandledBatch<int>> HandleAsync(IReadOnlyList<string> items, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Durability> MakeDurableAsync(IReadOnlyList<int> receipts, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
