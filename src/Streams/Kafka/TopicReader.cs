using Confluent.Kafka;

namespace StreamMl.Streams.Kafka;

/// <summary>What to read of a topic.</summary>
public sealed record TopicReadOptions
{
    public required string BootstrapServers { get; init; }
    public required string Topic { get; init; }
    /// <summary>Start at the end of every partition instead of its beginning. Default false.</summary>
    public bool FromEnd { get; init; }
    /// <summary>Keep waiting for new records instead of stopping at the end each partition had when reading began. Default false.</summary>
    public bool Follow { get; init; }
    /// <summary>Most records to read; null for no limit.</summary>
    public long? Limit { get; init; }
    /// <summary>How long to wait for the broker's metadata and watermarks. Default 10 s.</summary>
    public TimeSpan MetadataTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>A topic that cannot be read: unknown, or the broker did not answer.</summary>
public sealed class TopicReadException(string message, Exception? inner = null, bool unknownTopic = false) : Exception(message, inner)
{
    /// <summary>The broker answered that the topic does not exist.</summary>
    public bool UnknownTopic { get; } = unknownTopic;
}

/// <summary>
/// Reads every partition of a topic by assignment, outside any consumer group and without committing, from the
/// beginning (or the end) up to the end each partition had when reading began, or on without end when following.
/// Records of one partition come in offset order; partitions interleave.
/// </summary>
public static class TopicReader
{
    public static IEnumerable<ConsumeResult<byte[]?, byte[]?>> Read(TopicReadOptions options, CancellationToken cancellationToken)
    {
        var config = new KafkaClientSettings(options.BootstrapServers, $"streamml-consume-{Guid.NewGuid():N}", "streamml-consume").CreateConsumerConfig();
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var partitions = Partitions(options);
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in partitions)
        {
            var marks = Watermarks(consumer, partition, options.MetadataTimeout);
            if (!options.FromEnd && marks.High.Value > marks.Low.Value) ends[partition] = marks.High.Value;
        }
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, options.FromEnd ? Offset.End : Offset.Beginning)));

        var read = 0L;
        while (!cancellationToken.IsCancellationRequested && (options.Limit is not { } limit || read < limit))
        {
            if (!options.Follow && ends.Count == 0) yield break;
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null || record.IsPartitionEOF) continue;
            if (ends.TryGetValue(record.TopicPartition, out var end) && record.Offset.Value >= end - 1) ends.Remove(record.TopicPartition);
            if (!options.Follow && record.Offset.Value >= end) continue;
            read++;
            yield return record;
        }
    }

    private static List<TopicPartition> Partitions(TopicReadOptions options)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.BootstrapServers })
            .SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        Metadata metadata;
        try
        {
            // Every topic's metadata, not the one topic's: asking for a missing topic by name may create it.
            metadata = admin.GetMetadata(options.MetadataTimeout);
        }
        catch (KafkaException e)
        {
            throw new TopicReadException($"no answer from {options.BootstrapServers}: {e.Error.Reason}", e);
        }
        var topic = metadata.Topics.FirstOrDefault(t => t.Topic == options.Topic);
        if (topic is null || topic.Error.Code == ErrorCode.UnknownTopicOrPart || topic.Partitions.Count == 0)
            throw new TopicReadException($"topic '{options.Topic}' does not exist on {options.BootstrapServers}", unknownTopic: true);
        if (topic.Error.IsError) throw new TopicReadException($"topic '{options.Topic}': {topic.Error.Reason}");
        return topic.Partitions.Select(p => new TopicPartition(options.Topic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
    }

    private static WatermarkOffsets Watermarks(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, TimeSpan timeout)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(partition, timeout);
        }
        catch (KafkaException e)
        {
            throw new TopicReadException($"{partition.Topic}/{partition.Partition.Value}: no watermarks from the broker: {e.Error.Reason}", e);
        }
    }
}
