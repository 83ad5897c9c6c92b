using Confluent.Kafka;
using StreamMl.Core.OnlineLearning;

namespace StreamMl.Streams.Learning;

/// <summary>
/// The label log on Kafka: partition 0 of one topic, written through the node's idempotent producer (so a retry
/// neither duplicates nor reorders a record), keyed by event id. Its order is the order the broker appended the
/// records in: the one order every replica learns in.
/// </summary>
/// <param name="producer">The node's producer, asked for at the first append.</param>
public sealed class KafkaLearningLog(Func<IProducer<byte[]?, byte[]?>> producer, ConsumerConfig queries, string topic) : ILearningLog, IDisposable
{
    /// <summary>The one partition of the log.</summary>
    public const int Partition = 0;

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);
    private readonly TopicPartition _partition = new(topic, Partition);
    private readonly Lock _queryLock = new();
    private IConsumer<byte[]?, byte[]?>? _queryConsumer;

    public string Topic => topic;

    public Task<long> AppendAsync(IReadOnlyList<LearningRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return Task.FromResult(-1L);
        var delivery = new Delivery(records.Count);
        foreach (var record in records)
        {
            var message = new Message<byte[]?, byte[]?>
            {
                Key = record is LearningExample e ? System.Text.Encoding.UTF8.GetBytes(e.Id) : null,
                Value = LearningRecordCodec.Encode(record),
            };
            Produce(message, delivery, cancellationToken);
        }
        return delivery.Completion;
    }

    public Task<long> EndOffsetAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        lock (_queryLock)
        {
            _queryConsumer ??= new ConsumerBuilder<byte[]?, byte[]?>(queries).Build();
            return _queryConsumer.QueryWatermarkOffsets(_partition, QueryTimeout).High.Value;
        }
    }, cancellationToken);

    public void Dispose()
    {
        lock (_queryLock) _queryConsumer?.Dispose();
    }

    /// <summary>Produces one record, waiting while the producer's queue is full rather than failing the batch.</summary>
    private void Produce(Message<byte[]?, byte[]?> message, Delivery delivery, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                producer().Produce(_partition, message, delivery.OnDelivered);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull && !cancellationToken.IsCancellationRequested)
            {
                Thread.Sleep(10);
            }
            catch (Exception e)
            {
                delivery.Fail(e);
                return;
            }
        }
    }

    /// <summary>The acknowledgements of one append: done when each record is in the log, with the highest offset.</summary>
    private sealed class Delivery(int count)
    {
        private readonly TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _pending = count;
        private long _last = -1;

        public Task<long> Completion => _done.Task;

        public void OnDelivered(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                _done.TrySetException(new ProduceException<byte[]?, byte[]?>(report.Error, report));
                return;
            }
            var offset = report.Offset.Value;
            long seen;
            do seen = Interlocked.Read(ref _last);
            while (offset > seen && Interlocked.CompareExchange(ref _last, offset, seen) != seen);
            if (Interlocked.Decrement(ref _pending) == 0) _done.TrySetResult(Interlocked.Read(ref _last));
        }

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
