using System.Buffers;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;

namespace StreamMl.Streams.Ingestion;

/// <summary>One record decoded: the item it carries, or why it goes to the dead-letter topic.</summary>
public readonly record struct Decoded<TItem>(TItem? Item, RejectionReason? Rejection) where TItem : class;

/// <summary>What a handler made of a batch: the records that answer it (produced in order) and a receipt of what it handed on.</summary>
public sealed record HandledBatch<TReceipt>(IBatchAnswers Answers, TReceipt Receipt);

/// <summary>
/// The records that answer one batch, written one at a time into buffers the pipeline reuses from record to record,
/// so that an answer needs no arrays of its own before it is produced.
/// </summary>
public interface IBatchAnswers
{
    int Count { get; }

    /// <summary>Appends answer <paramref name="index"/>'s key and value to the buffers given; returns its timestamp.</summary>
    Timestamp Write(int index, IBufferWriter<byte> key, IBufferWriter<byte> value);
}

/// <summary>A batch answered by no record.</summary>
public sealed class NoAnswers : IBatchAnswers
{
    public static readonly NoAnswers Instance = new();

    private NoAnswers()
    {
    }

    public int Count => 0;

    public Timestamp Write(int index, IBufferWriter<byte> key, IBufferWriter<byte> value) => throw new ArgumentOutOfRangeException(nameof(index));
}

/// <summary>
/// The work a <see cref="KafkaBatchPipeline{TItem,TReceipt}"/> does with the records of its topic: decode each, answer
/// a batch of valid ones, and, at a checkpoint, make what the answered batches handed on durable, after which their
/// offsets are stored.
/// </summary>
/// <typeparam name="TItem">A valid record, decoded.</typeparam>
/// <typeparam name="TReceipt">What a checkpoint needs to know of an answered batch to make it durable.</typeparam>
public interface IBatchHandler<TItem, TReceipt> where TItem : class
{
    /// <summary>
    /// Decodes one record's value (empty for a record without one); never throws for bad input. Called on the
    /// consumer's thread, with the bytes where the Kafka client holds them: the item must not keep the span.
    /// </summary>
    Decoded<TItem> Decode(ReadOnlySpan<byte> value);

    /// <summary>Answers a batch of valid items; may wait (backpressure) but not on anything a failed node could hold up for long.</summary>
    ValueTask<HandledBatch<TReceipt>> HandleAsync(IReadOnlyList<TItem> items, CancellationToken cancellationToken);

    /// <summary>
    /// Makes durable what the receipts' batches handed on (every batch answered since the last successful checkpoint,
    /// oldest first); not durable, with the reason, when that could not be done yet, and the next checkpoint tries
    /// again with more receipts.
    /// </summary>
    Task<Durability> MakeDurableAsync(IReadOnlyList<TReceipt> receipts, CancellationToken cancellationToken);
}
