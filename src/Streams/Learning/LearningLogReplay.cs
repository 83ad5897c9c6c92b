using Confluent.Kafka;
using StreamMl.Core.OnlineLearning;

namespace StreamMl.Streams.Learning;

/// <summary>Feeds a replica the label log up to an offset, once, as fast as the broker delivers: the rebuilding of a checkpoint.</summary>
public static class LearningLogReplay
{
    private const int MaxBatch = 1000;

    /// <summary>The records of the log from <paramref name="fromOffset"/> up to (not including) <paramref name="toOffset"/>.</summary>
    /// <exception cref="TimeoutException">The log did not deliver the records within <paramref name="timeout"/>.</exception>
    public static Task<List<byte[]?>> ReadAsync(ConsumerConfig config, string topic, long fromOffset, long toOffset, TimeSpan timeout,
        CancellationToken cancellationToken) => Task.Run(() =>
    {
        var readConfig = new ConsumerConfig(new Dictionary<string, string>(config)) { EnableAutoCommit = false, EnableAutoOffsetStore = false };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(readConfig).Build();
        consumer.Assign(new TopicPartitionOffset(topic, KafkaLearningLog.Partition, fromOffset));
        var deadline = DateTime.UtcNow + timeout;
        var records = new List<byte[]?>();
        var next = fromOffset;
        while (next < toOffset)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the label log {topic} gave records up to offset {next} of {toOffset} within {timeout.TotalSeconds:0} s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } record || record.Offset.Value < next) continue;
            if (record.Offset.Value >= toOffset) break;
            records.Add(record.Message.Value);
            next = record.Offset.Value + 1;
        }
        consumer.Close();
        return records;
    }, cancellationToken);

    /// <summary>Applies every record from the replica's position up to (not including) <paramref name="toOffset"/>; returns the records read.</summary>
    /// <exception cref="TimeoutException">The log did not deliver the records within <paramref name="timeout"/> (it may not hold them any more).</exception>
    public static Task<long> ReplayAsync(ConsumerConfig config, string topic, LearnerReplica replica, long toOffset, TimeSpan timeout,
        CancellationToken cancellationToken) => Task.Run(() =>
    {
        var readConfig = new ConsumerConfig(new Dictionary<string, string>(config)) { EnableAutoCommit = false, EnableAutoOffsetStore = false };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(readConfig).Build();
        consumer.Assign(new TopicPartitionOffset(topic, KafkaLearningLog.Partition, replica.Position));
        var deadline = DateTime.UtcNow + timeout;
        var batch = new List<(long, byte[]?)>(MaxBatch);
        long read = 0;
        while (replica.Position < toOffset)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the label log {topic} gave records up to offset {replica.Position} of {toOffset} within {timeout.TotalSeconds:0} s");
            batch.Clear();
            var done = false;
            while (batch.Count < MaxBatch && consumer.Consume(batch.Count == 0 ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero) is { } record)
            {
                if (record.Offset.Value >= toOffset)
                {
                    done = true;
                    break;
                }
                batch.Add((record.Offset.Value, record.Message.Value));
            }
            read += batch.Count;
            replica.Apply(batch, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (done) break;
        }
        consumer.Close();
        return read;
    }, cancellationToken);
}
