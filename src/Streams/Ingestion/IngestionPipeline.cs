using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// The ingestion graph: Kafka records → decode and validate → score and record in slices →
/// predictions and dead letters produced → at each checkpoint, slices snapshot and the offsets of
/// every batch acknowledged before it are stored. Order is kept end to end, so storing a batch's
/// highest offset per partition never skips work.
/// </summary>
public sealed class IngestionPipeline
{
    private readonly KafkaRecordSource _source;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly EventDecoder _decoder;
    private readonly IBatchHandler _handler;
    private readonly IngestionOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<TopicPartition, Offset> _pending = new();
    private long _lastCheckpoint = Environment.TickCount64;
    private Task? _checkpoint;

    public IngestionPipeline(
        ConsumerConfig consumerConfig,
        IProducer<byte[]?, byte[]?> producer,
        EventDecoder decoder,
        IBatchHandler handler,
        IngestionOptions options,
        IngestionCounters counters,
        ILogger logger)
    {
        Counters = counters;
        _source = new KafkaRecordSource(consumerConfig, options.EventsTopic, options.ReadAhead, logger);
        _producer = producer;
        _decoder = decoder;
        _handler = handler;
        _options = options;
        _logger = logger;
    }

    /// <summary>Running totals; shared by the pipelines that replace one another after a failure.</summary>
    public IngestionCounters Counters { get; }

    /// <summary>Runs until <see cref="StopAsync"/> or a failure; the task ends when every read record is done.</summary>
    public Task Run(IMaterializer materializer)
    {
        _source.Start();
        return ChannelSource.FromReader(_source.Reader)
            .GroupedWithin(_options.BatchSize, _options.BatchWindow)
            .Select(Decode)
            .SelectAsync(_options.BatchesInFlight, Answer)
            .Select(CheckpointWhenDue)
            .RunForeach(batch => Counters.AddCompletedBatch(batch.Valid.Count, batch.Rejected.Count), materializer);
    }

    /// <summary>Stops reading, lets the records already read finish, commits their offsets and leaves the group.</summary>
    public async Task StopAsync(Task running)
    {
        _source.StopReading();
        try
        {
            await running.ConfigureAwait(false);
            await FinalCheckpoint().ConfigureAwait(false);
        }
        finally
        {
            // A checkpoint still under way after a failure must not store offsets into a closed consumer.
            if (_checkpoint is not null) await _checkpoint.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await _source.CommitAndClose().ConfigureAwait(false);
            _source.Dispose();
        }
    }

    private DecodedBatch Decode(IEnumerable<ConsumeResult<byte[]?, byte[]?>> records)
    {
        var batch = records as IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ?? records.ToList();
        Counters.AddConsumed(batch.Count);
        var valid = new List<ValidEvent>(batch.Count);
        var validRecords = new List<ConsumeResult<byte[]?, byte[]?>>(batch.Count);
        var rejected = new List<(ConsumeResult<byte[]?, byte[]?>, RejectionReason)>();
        foreach (var record in batch)
        {
            var result = DecodeOrSetAside(record.Message.Value);
            if (result.Event is { } e)
            {
                valid.Add(e);
                validRecords.Add(record);
            }
            else
            {
                rejected.Add((record, result.Rejection!));
            }
        }
        return new DecodedBatch(batch, valid, validRecords, rejected);
    }

    /// <summary>The decoder never throws for bad input; should it fail anyway, that record is dead-lettered, not the stream stopped.</summary>
    private DecodeResult DecodeOrSetAside(byte[]? value)
    {
        try
        {
            return _decoder.Decode(value);
        }
        catch (Exception e)
        {
            return new DecodeResult(null, new RejectionReason(RejectionCodes.InternalError, $"{e.GetType().FullName}: {e.Message}"));
        }
    }

    /// <summary>A Kafka timestamp holds milliseconds since 1970; an earlier event time leaves it to the producer's clock.</summary>
    private static Timestamp KafkaTimestamp(DateTimeOffset time) =>
        time >= DateTimeOffset.UnixEpoch ? new Timestamp(time) : Timestamp.Default;

    private async Task<DecodedBatch> Answer(DecodedBatch batch)
    {
        var answered = batch.Valid.Count == 0
            ? new AnsweredBatch([], Task.CompletedTask)
            : _handler.Handle(batch.Valid, _abort.Token);
        var predictions = answered.Predictions;
        var delivery = new BatchDelivery();
        for (var i = 0; i < predictions.Count; i++)
        {
            var value = JsonSerializer.SerializeToUtf8Bytes(predictions[i], ContractsJsonContext.Default.PredictionRecord);
            var message = new Message<byte[]?, byte[]?>
            {
                Key = System.Text.Encoding.UTF8.GetBytes(predictions[i].Id),
                Value = value,
                Timestamp = KafkaTimestamp(predictions[i].Time),
            };
            delivery.Produce(_producer, _options.PredictionsTopic, message);
        }
        foreach (var (record, reason) in batch.Rejected)
        {
            _logger.LogDebug("Dead-lettering {Topic}/{Partition}@{Offset}: {Reason}", record.Topic, record.Partition.Value, record.Offset.Value, reason);
            delivery.Produce(_producer, _options.DeadLetterTopic, DeadLetterMessage.Create(record, reason));
        }
        delivery.Seal();
        await Task.WhenAll(delivery.Completion, answered.Recorded).ConfigureAwait(false);
        return batch;
    }

    /// <summary>
    /// Notes the batch's offsets and, when a checkpoint is due and none is under way, starts one without
    /// holding the stream back. At most one runs at a time, so offsets are stored in increasing order.
    /// </summary>
    private DecodedBatch CheckpointWhenDue(DecodedBatch batch)
    {
        if (_checkpoint is { IsFaulted: true } failed) failed.GetAwaiter().GetResult();
        foreach (var record in batch.Records)
            if (!_pending.TryGetValue(record.TopicPartition, out var o) || record.Offset > o) _pending[record.TopicPartition] = record.Offset;
        if (_checkpoint is { IsCompleted: false } || Environment.TickCount64 - _lastCheckpoint < _options.CheckpointInterval.TotalMilliseconds)
            return batch;
        _checkpoint = Checkpoint();
        return batch;
    }

    /// <summary>Slices snapshot, then the offsets of every batch that had been answered when it began are stored.</summary>
    private async Task Checkpoint()
    {
        _lastCheckpoint = Environment.TickCount64;
        if (_pending.Count == 0) return;
        var covered = new Dictionary<TopicPartition, Offset>(_pending);
        _pending.Clear();
        await _handler.CheckpointAsync(_abort.Token).ConfigureAwait(false);
        foreach (var (partition, offset) in covered) _source.StoreProcessed(new TopicPartitionOffset(partition, offset));
    }

    /// <summary>Waits for a checkpoint under way, then takes a last one covering everything answered.</summary>
    private async Task FinalCheckpoint()
    {
        if (_checkpoint is not null) await _checkpoint.ConfigureAwait(false);
        _checkpoint = Checkpoint();
        await _checkpoint.ConfigureAwait(false);
    }

    private sealed record DecodedBatch(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Records,
        List<ValidEvent> Valid,
        List<ConsumeResult<byte[]?, byte[]?>> ValidRecords,
        List<(ConsumeResult<byte[]?, byte[]?> Record, RejectionReason Reason)> Rejected);
}
