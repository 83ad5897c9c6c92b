namespace StreamMl.Streams.Ingestion;

/// <summary>Running totals of the ingestion pipeline, safe to read from any thread.</summary>
public sealed class IngestionCounters
{
    private long _consumed;
    private long _predictions;
    private long _deadLetters;
    private long _batches;

    /// <summary>Records read from the events topic.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);
    /// <summary>Predictions acknowledged by the broker.</summary>
    public long Predictions => Interlocked.Read(ref _predictions);
    /// <summary>Dead letters acknowledged by the broker.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);
    /// <summary>Batches fully answered (their predictions and dead letters acknowledged).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    internal void AddConsumed(long n) => Interlocked.Add(ref _consumed, n);

    internal void AddCompletedBatch(long predictions, long deadLetters)
    {
        Interlocked.Add(ref _predictions, predictions);
        Interlocked.Add(ref _deadLetters, deadLetters);
        Interlocked.Increment(ref _batches);
    }
}
