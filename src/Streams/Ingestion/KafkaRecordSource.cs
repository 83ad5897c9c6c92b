using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Streams.Kafka;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Runs a Confluent.Kafka consumer on its own thread (Consume blocks) and hands its records to the
/// stream through a bounded channel, so a slow stream stops the consumer instead of growing a buffer.
/// Offsets are stored by the pipeline after the work is done; auto-commit then commits stored offsets.
/// </summary>
/// <typeparam name="TValue">
/// What the value deserializer makes of a record's value, which it reads where the client holds it (no copy is made
/// unless the deserializer makes one); it must not throw, or the consumer stops.
/// </typeparam>
internal sealed class KafkaRecordSource<TValue> : IDisposable
{
    private readonly IConsumer<byte[]?, TValue> _consumer;
    private readonly Channel<ConsumeResult<byte[]?, TValue>> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ILogger _logger;
    private readonly KafkaClientLog _log;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _topic;
    private int _assigned;

    /// <summary>
    /// The fields of a consumed record the client fills in (besides partition, offset, key and value). Not the topic:
    /// the client would make a new string of it for every record, and the source, which reads one topic, names it itself.
    /// </summary>
    public const string PipelineConsumeResultFields = "timestamp";

    /// <summary>How often librdkafka reports statistics (the consumer lag) when someone observes the pipeline.</summary>
    private const int StatisticsIntervalMs = 5000;

    public KafkaRecordSource(ConsumerConfig config, string topic, IDeserializer<byte[]?> keys, IDeserializer<TValue> values, int capacity, ILogger logger,
        IPipelineObserver? observer = null)
    {
        observer ??= NoPipelineObserver.Instance;
        var observed = !ReferenceEquals(observer, NoPipelineObserver.Instance);
        config = new ConsumerConfig(new Dictionary<string, string>(config))
        {
            // The pipeline reads a record's topic (set by this source), partition, offset, timestamp, key and value, never its headers.
            ConsumeResultFields = PipelineConsumeResultFields,
        };
        if (observed) config.StatisticsIntervalMs = StatisticsIntervalMs;
        _logger = logger;
        _topic = topic;
        _log = new KafkaClientLog(logger, $"consumer of {topic}");
        _channel = Channel.CreateBounded<ConsumeResult<byte[]?, TValue>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _consumer = new ConsumerBuilder<byte[]?, TValue>(config)
            .SetKeyDeserializer(keys)
            .SetValueDeserializer(values)
            .SetErrorHandler((_, e) => OnError(e))
            .SetOffsetsCommittedHandler((_, committed) =>
            {
                if (committed.Error.IsError) _logger.LogWarning("Committing offsets failed: {Reason}", committed.Error.Reason);
                foreach (var offset in committed.Offsets)
                    if (offset.Error.IsError) _logger.LogWarning("Committing {Partition} at {Offset} failed: {Reason}", offset.TopicPartition, offset.Offset.Value, offset.Error.Reason);
            })
            .WithLog(_log)
            .SetStatisticsHandler((_, json) => { if (observed) ReportLag(observer, json); })
            .SetPartitionsAssignedHandler((consumer, parts) =>
            {
                _logger.LogInformation("Assigned partitions {Partitions} of {Topic}", string.Join(",", parts.Select(p => p.Partition.Value)), topic);
                Volatile.Write(ref _assigned, consumer.Assignment.Count + parts.Count);
            })
            .SetPartitionsRevokedHandler((consumer, parts) =>
            {
                _logger.LogInformation("Revoked partitions {Partitions} of {Topic}", string.Join(",", parts.Select(p => p.Partition.Value)), topic);
                Volatile.Write(ref _assigned, Math.Max(0, consumer.Assignment.Count - parts.Count));
            })
            .Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-consumer-{topic}" };
    }

    public ChannelReader<ConsumeResult<byte[]?, TValue>> Reader => _channel.Reader;

    /// <summary>Whether the consumer holds at least one partition now.</summary>
    public bool IsAssigned => Volatile.Read(ref _assigned) > 0;

    /// <summary>Completes once the consumer has stopped reading (the channel may still hold records).</summary>
    public Task Stopped => _stopped.Task;

    public void Start() => _thread.Start();

    /// <summary>Stops reading; records already read stay in the channel for the stream to finish.</summary>
    public void StopReading() => _stop.Cancel();

    /// <summary>Stores the offset after <paramref name="processed"/>, so a restart resumes after it.</summary>
    public void StoreProcessed(TopicPartitionOffset processed)
    {
        try
        {
            _consumer.StoreOffset(new TopicPartitionOffset(processed.TopicPartition, processed.Offset + 1));
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
        {
            // The partition was revoked meanwhile: its new owner re-reads from the last committed offset (at-least-once).
            _logger.LogInformation("Offset {Offset} of {Partition} not stored: the partition is no longer assigned here", processed.Offset.Value + 1, processed.TopicPartition);
        }
    }

    /// <summary>
    /// Waits for the reading thread to stop (the consumer is not thread-safe for Consume and Close),
    /// then commits the stored offsets and leaves the group. Call after the stream has drained.
    /// </summary>
    public async Task CommitAndClose()
    {
        _stop.Cancel();
        await _stopped.Task.ConfigureAwait(false);
        try
        {
            _consumer.Commit();
        }
        catch (KafkaException e) when (e.Error.Code is ErrorCode.Local_NoOffset or ErrorCode.Local_State)
        {
            // Nothing stored since the last commit, or no assignment: nothing to commit.
        }
        _consumer.Close();
    }

    private void Run()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null || result.IsPartitionEOF) continue;
                result.Topic = _topic;
                // Blocks this thread while the stream is behind: that is the backpressure.
                while (!_channel.Writer.TryWrite(result))
                    if (!_channel.Writer.WaitToWriteAsync(token).AsTask().GetAwaiter().GetResult()) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The Kafka consumer stopped on an error");
            _channel.Writer.TryComplete(e);
            _stopped.TrySetResult();
            return;
        }
        _channel.Writer.TryComplete();
        _stopped.TrySetResult();
    }

    private void ReportLag(IPipelineObserver observer, string statistics)
    {
        try
        {
            observer.PartitionLag(ConsumerLagStatistics.Parse(statistics));
        }
        catch (System.Text.Json.JsonException e)
        {
            _logger.LogDebug("Unreadable consumer statistics: {Reason}", e.Message);
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _logger.LogError("Fatal Kafka consumer error: {Reason}", error.Reason);
            _channel.Writer.TryComplete(new KafkaException(error));
            _stop.Cancel();
        }
        else
        {
            _log.OnError(error);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Dispose();
        _stop.Dispose();
    }
}
