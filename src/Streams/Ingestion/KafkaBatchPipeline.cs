using System.Buffers;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Core.Contracts;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// One run of a consumer-group member over a topic, as an Akka.Streams graph: Kafka records, decoded as they are
/// read (<see cref="RecordDecoder{TItem,TReceipt}"/>) → batches → valid items and records set aside (dead-lettered
/// with their reason) → answer (the handler's answers produced, broker acknowledgements awaited) → checkpoint (the
/// handler makes the answered batches durable, then their offsets are stored and committed). Answering never waits
/// on a checkpoint, and a checkpoint never holds answering back. Used for events and for labels alike.
/// </summary>
public sealed class KafkaBatchPipeline<TItem, TReceipt> where TItem : class
{
    private readonly KafkaRecordSource<DecodedRecord<TItem>> _source;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly IBatchHandler<TItem, TReceipt> _handler;
    private readonly BatchPipelineOptions _options;
    private readonly PipelineCounters _counters;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    /// <summary>Where answers and dead letters go, made once: producing to a topic by name makes one per record.</summary>
    private readonly TopicPartition? _answers;
    private readonly TopicPartition _deadLetters;
    private readonly AnswerProducer.Pool _answerProducers = new();

    public KafkaBatchPipeline(
        ConsumerConfig consumerConfig,
        IProducer<byte[]?, byte[]?> producer,
        IBatchHandler<TItem, TReceipt> handler,
        BatchPipelineOptions options,
        PipelineCounters counters,
        ILogger logger)
    {
        var decoder = new RecordDecoder<TItem, TReceipt>(handler);
        _source = new KafkaRecordSource<DecodedRecord<TItem>>(consumerConfig, options.Topic, decoder.Keys, decoder, options.ReadAhead, logger, options.Observer);
        _producer = producer;
        _handler = handler;
        _options = options;
        _counters = counters;
        _logger = logger;
        _answers = options.AnswersTopic is { } answers ? new TopicPartition(answers, Partition.Any) : null;
        _deadLetters = new TopicPartition(options.DeadLetterTopic, Partition.Any);
    }

    /// <summary>Whether the consumer holds a partition assignment now.</summary>
    public bool IsAssigned => _source.IsAssigned;

    /// <summary>Runs until <see cref="StopAsync"/> or a failure; the task ends once every record read is answered and the last checkpoint taken.</summary>
    public Task Run(IMaterializer materializer)
    {
        _source.Start();
        var checkpoint = new CheckpointSink<TReceipt>(_handler.MakeDurableAsync, _source.StoreProcessed, _options, _counters, _logger);
        return ChannelSource.FromReader(_source.Reader)
            .GroupedWithin(_options.BatchSize, _options.BatchWindow)
            .Select(Sort)
            .SelectAsync(_options.BatchesInFlight, Answer)
            .RunWith(Sink.FromGraph(checkpoint), materializer);
    }

    /// <summary>Stops reading, lets the records already read be answered, takes a last checkpoint, commits and leaves the group.</summary>
    public async Task StopAsync(Task running)
    {
        _source.StopReading();
        try
        {
            await running.ConfigureAwait(false);
        }
        finally
        {
            _abort.Cancel();
            await _source.CommitAndClose().ConfigureAwait(false);
            _source.Dispose();
            // Partitions no longer held here have no lag to report from this node.
            _options.Observer.PartitionLag([]);
        }
    }

    /// <summary>Sorts a batch of records, decoded as they were read, into valid items and records set aside.</summary>
    private DecodedBatch Sort(IEnumerable<ConsumeResult<byte[]?, DecodedRecord<TItem>>> records)
    {
        var batch = records as IReadOnlyList<ConsumeResult<byte[]?, DecodedRecord<TItem>>> ?? records.ToList();
        _counters.AddConsumed(batch.Count);
        _options.Observer.BatchRead(batch.Count);
        var valid = new List<TItem>(batch.Count);
        var timestamps = ArrayPool<long>.Shared.Rent(batch.Count);
        var rejected = new List<(ConsumeResult<byte[]?, DecodedRecord<TItem>>, RejectionReason)>();
        var offsets = new Dictionary<TopicPartition, Offset>();
        // A record's TopicPartition is made anew at each read: read it once per run of records from one partition.
        TopicPartition? partition = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            if (partition is null || partition.Partition != record.Partition || partition.Topic != record.Topic) partition = record.TopicPartition;
            if (!offsets.TryGetValue(partition, out var highest) || record.Offset > highest) offsets[partition] = record.Offset;
            var decoded = record.Message.Value;
            if (decoded.Item is { } item)
            {
                timestamps[valid.Count] = record.Message.Timestamp.UnixTimestampMs;
                valid.Add(item);
            }
            else rejected.Add((record, decoded.Rejection!));
        }
        return new DecodedBatch(offsets, valid, rejected, timestamps);
    }

    private async Task<AnsweredBatch<TReceipt>> Answer(DecodedBatch batch)
    {
        HandledBatch<TReceipt>? handled = null;
        if (batch.Valid.Count > 0) handled = await _handler.HandleAsync(batch.Valid, _abort.Token).ConfigureAwait(false);
        var delivery = new BatchDelivery();
        if (handled is not null && _answers is { } answers && handled.Answers.Count > 0)
        {
            var producer = _answerProducers.Take();
            try
            {
                producer.Produce(handled.Answers, _producer, answers, delivery);
            }
            finally
            {
                _answerProducers.Return(producer);
            }
        }
        foreach (var (record, reason) in batch.Rejected)
        {
            _logger.LogDebug("Dead-lettering {Topic}/{Partition}@{Offset}: {Reason}", record.Topic, record.Partition.Value, record.Offset.Value, reason);
            delivery.Produce(_producer, _deadLetters, DeadLetterMessage.Create(record, record.Message.Value.Key, record.Message.Value.Value, reason));
        }
        delivery.Seal();
        await delivery.Completion.ConfigureAwait(false);
        _counters.AddAnsweredBatch(batch.Valid.Count, batch.Rejected.Count);
        Observe(batch);
        ArrayPool<long>.Shared.Return(batch.Timestamps);
        return new AnsweredBatch<TReceipt>(batch.Offsets, handled is null ? default : handled.Receipt, handled is not null);
    }

    private void Observe(DecodedBatch batch)
    {
        var observer = _options.Observer;
        if (ReferenceEquals(observer, NoPipelineObserver.Instance)) return;
        observer.Acknowledged(batch.Timestamps.AsSpan(0, batch.Valid.Count), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (batch.Rejected.Count > 0) observer.DeadLettered(batch.Rejected.Select(r => r.Reason.Code).ToList());
    }

    /// <param name="Timestamps">
    /// The Kafka timestamps (Unix ms) of the valid records, for the latency of their answers: the first
    /// <c>Valid.Count</c> entries of an array from the shared pool, returned to it once the batch is answered.
    /// </param>
    private sealed record DecodedBatch(
        IReadOnlyDictionary<TopicPartition, Offset> Offsets,
        List<TItem> Valid,
        List<(ConsumeResult<byte[]?, DecodedRecord<TItem>> Record, RejectionReason Reason)> Rejected,
        long[] Timestamps);
}
