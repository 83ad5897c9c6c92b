using Confluent.Kafka;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Waits for the broker's acknowledgement of every record of one batch. One delivery handler (one delegate) per
/// batch instead of one task per record keeps the produce path cheap.
/// </summary>
internal sealed class BatchDelivery
{
    /// <summary>
    /// The headers of every record produced without any: the client makes an empty list for each record whose headers
    /// are null. Never added to; a record that needs headers brings its own.
    /// </summary>
    private static readonly Headers NoHeaders = new();

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivered;
    private int _pending = 1; // the batch itself holds one count until Seal() so that early acks cannot finish it.
    private Error? _firstError;

    public BatchDelivery() => _onDelivered = OnDelivered;

    public Task Completion => _done.Task;

    public void Produce(IProducer<byte[]?, byte[]?> producer, TopicPartition topic, Message<byte[]?, byte[]?> message)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            if (message.Headers is null)
            {
                if (NoHeaders.Count != 0) throw new InvalidOperationException("the shared empty headers were added to");
                message.Headers = NoHeaders;
            }
            producer.Produce(topic, message, _onDelivered);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _firstError, new Error(ErrorCode.Local_Fail, e.Message), null);
            Release();
        }
    }

    /// <summary>No more records will be added.</summary>
    public void Seal() => Release();

    private void OnDelivered(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError) Interlocked.CompareExchange(ref _firstError, report.Error, null);
        Release();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) != 0) return;
        if (_firstError is { } error) _done.TrySetException(new ProduceException<byte[]?, byte[]?>(error, null!));
        else _done.TrySetResult();
    }
}
