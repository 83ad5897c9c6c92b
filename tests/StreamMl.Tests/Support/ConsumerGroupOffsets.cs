using Confluent.Kafka;
using StreamMl.Streams.Kafka;

namespace StreamMl.Tests.Support;

/// <summary>The committed offsets of a consumer group and the ends of a topic's partitions, read without joining the group.</summary>
public static class ConsumerGroupOffsets
{
    public static Dictionary<int, long> Committed(string bootstrapServers, string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrapServers, group, "test-offsets").CreateConsumerConfig())
            .SetLogHandler((_, _) => { }).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.Value < 0 ? 0 : c.Offset.Value);
    }

    /// <summary>
    /// Waits until StreamMl's consumer group has committed every partition of its events topic up to the end it has
    /// now; returns the committed offsets.
    /// </summary>
    public static Task<Dictionary<int, long>> WaitUntilEventsCommitted(string bootstrapServers, TimeSpan timeout, string what, int partitions = 4)
    {
        var ends = Ends(bootstrapServers, "streamml.events", partitions);
        return Eventually.Get(() => Task.FromResult(Committed(bootstrapServers, "streamml", "streamml.events", partitions)),
            committed => ends.All(e => committed[e.Key] == e.Value), timeout, what);
    }

    public static Dictionary<int, long> Ends(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrapServers, $"test-ends-{Guid.NewGuid():N}", "test-ends").CreateConsumerConfig())
            .SetLogHandler((_, _) => { }).Build();
        return Enumerable.Range(0, partitions)
            .ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }
}
