using System.Buffers;
using System.Text;
using Confluent.Kafka;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Ingestion;
using StreamMl.Streams.Kafka;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

/// <summary>
/// Answers are produced through buffers and arrays reused from record to record; what reaches the topic must be every
/// answer's own key, value and timestamp, in order, however many answers share a length.
/// </summary>
public class AnswerProducerTests
{
    [Fact]
    public void A_copy_is_its_data_in_the_array_kept_for_its_length_and_a_long_one_gets_its_own()
    {
        var arrays = new ExactLengthArrays();

        var first = arrays.Copy("abc"u8);
        Assert.Equal("abc"u8.ToArray(), first);
        var second = arrays.Copy("xyz"u8);
        Assert.Same(first, second);
        Assert.Equal("xyz"u8.ToArray(), second);
        Assert.Equal("four"u8.ToArray(), arrays.Copy("four"u8));
        Assert.Empty(arrays.Copy([]));

        var longest = new byte[ExactLengthArrays.MaxLength];
        Assert.Same(arrays.Copy(longest), arrays.Copy(longest));
        var tooLong = Enumerable.Range(0, ExactLengthArrays.MaxLength + 1).Select(i => (byte)i).ToArray();
        var copy = arrays.Copy(tooLong);
        Assert.Equal(tooLong, copy);
        Assert.NotSame(copy, arrays.Copy(tooLong));
    }

    [Fact]
    public async Task Every_answer_reaches_the_topic_as_written_though_the_arrays_carrying_them_are_reused()
    {
        using var broker = MockKafkaCluster.Start(new DevBrokerOptions { Topics = [new TopicSpec("answers", 1)] });
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(broker.BootstrapServers).CreateProducerConfig()).Build();
        var topic = new TopicPartition("answers", new Partition(0));
        var pool = new AnswerProducer.Pool();
        // Three batches of answers whose values take only a few lengths, so that most share an array with others.
        var batches = Enumerable.Range(0, 3).Select(b => new Answers(b, 700)).ToArray();

        foreach (var batch in batches)
        {
            var delivery = new BatchDelivery();
            var answerProducer = pool.Take();
            answerProducer.Produce(batch, producer, topic, delivery);
            pool.Return(answerProducer);
            delivery.Seal();
            await delivery.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var expected = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(b.Expected)).ToList();
        var records = KafkaTopics.ReadAll(broker.BootstrapServers, "answers", expected.Count, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));
        Assert.Equal(expected.Count, records.Count);
        Assert.True(expected.Select(e => e.Value.Length).Distinct().Count() < 10);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, records[i].Message.Key);
            Assert.Equal(expected[i].Value, records[i].Message.Value);
            Assert.Equal(expected[i].Time, records[i].Message.Timestamp.UnixTimestampMs);
        }
    }

    private sealed class Answers(int batch, int count) : IBatchAnswers
    {
        public int Count => count;

        public (byte[] Key, byte[] Value, long Time) Expected(int index) =>
            (Encoding.UTF8.GetBytes($"b{batch}-{index}"), Encoding.UTF8.GetBytes($"{{\"batch\":{batch},\"answer\":{index % 1000:D3},\"pad\":\"{new string('x', index % 4)}\"}}"),
                1_700_000_000_000 + batch * 10_000 + index);

        public Timestamp Write(int index, IBufferWriter<byte> key, IBufferWriter<byte> value)
        {
            var (k, v, time) = Expected(index);
            key.Write(k);
            value.Write(v);
            return new Timestamp(time, TimestampType.CreateTime);
        }
    }
}
