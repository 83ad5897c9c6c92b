using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Operations;
using StreamMl.Streams.Kafka;

namespace StreamMl.Streams.Learning;

/// <summary>
/// Feeds one replica the label log: reads partition 0 from the replica's position on its own thread and applies the
/// records in order, in batches, telling the replica where the log ends so that every prediction knows its lag. It
/// never commits offsets: the replica's position (and its checkpoints) say where it is.
/// </summary>
public sealed class LearningLogFollower : IAsyncDisposable
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan PollWait = TimeSpan.FromMilliseconds(50);

    private readonly ConsumerConfig _config;
    private readonly string _topic;
    private readonly LearnerReplica _replica;
    private readonly IServingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _running;

    /// <param name="config">Where the broker is; the follower sets what it needs (no commits, short fetch waits).</param>
    public LearningLogFollower(ConsumerConfig config, string topic, LearnerReplica replica, IServingMetrics metrics, ILogger logger)
    {
        _config = new ConsumerConfig(new Dictionary<string, string>(config))
        {
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
            // The dev broker holds an empty fetch for the whole wait even when records arrive: keep it short, the
            // lag of every prediction depends on it.
            FetchWaitMaxMs = 10,
        };
        _topic = topic;
        _replica = replica;
        _metrics = metrics;
        _logger = logger;
    }

    public LearnerReplica Replica => _replica;

    /// <summary>Completes once the replica has applied every record that was in the log when it started.</summary>
    public Task CaughtUp => _caughtUp.Task;

    public void Start() =>
        _running = Task.Factory.StartNew(Follow, _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_running is not null)
        {
            try
            {
                await _running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private void Follow()
    {
        var partition = new TopicPartition(_topic, KafkaLearningLog.Partition);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config).WithLog(new KafkaClientLog(_logger, "label log")).Build();
        var startEnd = StartingEnd(consumer, partition);
        consumer.Assign(new TopicPartitionOffset(partition, _replica.Position));
        var batch = new List<(long, byte[]?)>(MaxBatch);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                batch.Clear();
                var first = consumer.Consume(PollWait);
                if (first is not null)
                {
                    batch.Add((first.Offset.Value, first.Message.Value));
                    while (batch.Count < MaxBatch && consumer.Consume(TimeSpan.Zero) is { } next) batch.Add((next.Offset.Value, next.Message.Value));
                }
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                if (batch.Count > 0)
                {
                    var learnt = _replica.Apply(batch, now);
                    if (learnt.Count > 0) _metrics.OnlineModelUpdated(learnt.Count);
                }
                var end = consumer.GetWatermarkOffsets(partition).High;
                if (end != Offset.Unset) _replica.ObserveLogEnd(end.Value, now);
                _metrics.OnlineModelFreshness(_replica.LabelsBehind, TimeSpan.FromMilliseconds(_replica.MsBehind(now)));
                if (_replica.Position >= startEnd) _caughtUp.TrySetResult();
            }
            catch (ConsumeException e)
            {
                _logger.LogWarning("Reading the label log {Topic} failed ({Reason}); retrying", _topic, e.Error.Reason);
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
        consumer.Close();
    }

    /// <summary>Where the log ends as the follower starts; when the broker cannot say, the replica counts as caught up at once.</summary>
    private long StartingEnd(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition)
    {
        try
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
            _replica.ObserveLogEnd(end, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return end;
        }
        catch (KafkaException e)
        {
            _logger.LogWarning("The end of the label log {Topic} is unknown ({Reason}); serving before catching up", _topic, e.Error.Reason);
            return 0;
        }
    }
}
