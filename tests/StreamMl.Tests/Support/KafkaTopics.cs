using System.Text;
using Confluent.Kafka;
using StreamMl.Streams.Kafka;

namespace StreamMl.Tests.Support;

/// <summary>Plain Confluent.Kafka clients for a test: produce raw records, read a whole topic back.</summary>
public static class KafkaTopics
{
    public static void Produce(string bootstrap, string topic, IEnumerable<(string? Key, byte[] Value)> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrap).CreateProducerConfig()).Build();
        var failed = 0;
        foreach (var (key, value) in records)
            producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = value },
                r => { if (r.Error.IsError) Interlocked.Increment(ref failed); });
        producer.Flush(TimeSpan.FromSeconds(30));
        if (failed > 0) throw new InvalidOperationException($"{failed} test records were not acknowledged");
    }

    /// <summary>Reads the topic from the start until <paramref name="expected"/> records arrived or the timeout passed.</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrap, string topic, int expected, TimeSpan timeout, TimeSpan? settle = null)
    {
        var config = new KafkaClientSettings(bootstrap, $"test-reader-{Guid.NewGuid():N}").CreateConsumerConfig();
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && records.Count < expected)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } r) records.Add(r);
        // Keep reading a little longer to catch any duplicates beyond the expected count.
        var settleUntil = DateTime.UtcNow + (settle ?? TimeSpan.FromSeconds(1));
        while (DateTime.UtcNow < settleUntil)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } r) records.Add(r);
        consumer.Close();
        return records;
    }
}
