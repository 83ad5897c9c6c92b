namespace StreamMl.Streams.Ingestion;

/// <summary>
/// What a <see cref="KafkaBatchPipeline{TItem,TReceipt}"/> reports as it runs, for the node's metrics. Calls come
/// from the stream's threads and the consumer's thread, once per batch (not per record); an implementation must be
/// cheap, thread-safe and must not throw.
/// </summary>
public interface IPipelineObserver
{
    /// <summary>A batch of <paramref name="records"/> records was read from the topic.</summary>
    void BatchRead(int records);

    /// <summary>
    /// A batch's answers (and dead letters) were acknowledged by the broker at <paramref name="acknowledgedAtMs"/>;
    /// <paramref name="answeredTimestampsMs"/> are the Kafka timestamps (Unix milliseconds) of its answered records.
    /// </summary>
    void Acknowledged(ReadOnlySpan<long> answeredTimestampsMs, long acknowledgedAtMs);

    /// <summary>Records of a batch went to the dead-letter topic (acknowledged), one reason code each.</summary>
    void DeadLettered(IReadOnlyList<string> reasonCodes);

    /// <summary>
    /// The consumer's committed lag (high watermark minus committed offset) of every partition it holds now, from
    /// librdkafka's statistics; partitions not in the list are no longer held (an empty list: none).
    /// </summary>
    void PartitionLag(IReadOnlyList<PartitionLag> partitions);
}

/// <summary>The records of one partition the consumer group has not committed yet.</summary>
public readonly record struct PartitionLag(string Topic, int Partition, long Lag);

/// <summary>An observer that ignores everything: the default, and the node's choice when metrics are off.</summary>
public sealed class NoPipelineObserver : IPipelineObserver
{
    public static readonly NoPipelineObserver Instance = new();

    public void BatchRead(int records) { }
    public void Acknowledged(ReadOnlySpan<long> answeredTimestampsMs, long acknowledgedAtMs) { }
    public void DeadLettered(IReadOnlyList<string> reasonCodes) { }
    public void PartitionLag(IReadOnlyList<PartitionLag> partitions) { }
}
