namespace StreamMl.Streams.Ingestion;

/// <summary>Running totals of a <see cref="KafkaBatchPipeline{TItem,TReceipt}"/>, across its restarts; safe to read from any thread.</summary>
public sealed class PipelineCounters
{
    private long _consumed;
    private long _answered;
    private long _deadLetters;
    private long _batches;
    private long _checkpoints;
    private long _failedCheckpoints;

    /// <summary>Records read from the topic.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);
    /// <summary>Valid records answered (their answers, if any, acknowledged by the broker).</summary>
    public long Answered => Interlocked.Read(ref _answered);
    /// <summary>Dead letters acknowledged by the broker.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);
    /// <summary>Batches fully answered.</summary>
    public long Batches => Interlocked.Read(ref _batches);
    /// <summary>Checkpoints that made their batches durable and stored their offsets.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);
    /// <summary>Checkpoints that could not make their batches durable (retried by the next one).</summary>
    public long FailedCheckpoints => Interlocked.Read(ref _failedCheckpoints);

    internal void AddConsumed(long n) => Interlocked.Add(ref _consumed, n);

    internal void AddAnsweredBatch(long answered, long deadLetters)
    {
        Interlocked.Add(ref _answered, answered);
        Interlocked.Add(ref _deadLetters, deadLetters);
        Interlocked.Increment(ref _batches);
    }

    internal void AddCheckpoint(bool succeeded)
    {
        if (succeeded) Interlocked.Increment(ref _checkpoints);
        else Interlocked.Increment(ref _failedCheckpoints);
    }
}
