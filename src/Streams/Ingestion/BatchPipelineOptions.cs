namespace StreamMl.Streams.Ingestion;

/// <summary>Topics, batching and checkpoints of a <see cref="KafkaBatchPipeline{TItem,TReceipt}"/>.</summary>
public sealed record BatchPipelineOptions
{
    /// <summary>The topic read.</summary>
    public required string Topic { get; init; }
    /// <summary>Where a batch's answers go; null when the handler answers nothing (labels).</summary>
    public string? AnswersTopic { get; init; }
    /// <summary>Rejected records. Default <c>streamml.deadletter</c>.</summary>
    public string DeadLetterTopic { get; init; } = "streamml.deadletter";
    /// <summary>Most records per batch. Default 500.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>Longest wait to fill a batch. Default 10 ms.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>Batches being answered at once before the source is held back. Default 4.</summary>
    public int BatchesInFlight { get; init; } = 4;
    /// <summary>
    /// How often a checkpoint makes the answered batches durable and stores their offsets (committed within a second
    /// after), busy or idle: a crash repeats at most about this much work. Default 2 s.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a checkpoint may take before it counts as failed. Default 30 s.</summary>
    public TimeSpan CheckpointTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How long the last checkpoint of a graceful stop may take. Default 3 s.</summary>
    public TimeSpan FinalCheckpointTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Records read ahead of the stream. Default 4,096.</summary>
    public int ReadAhead { get; init; } = 4096;
    /// <summary>Who is told of batches, latencies, dead letters and consumer lag (the node's metrics). Default: nobody.</summary>
    public IPipelineObserver Observer { get; init; } = NoPipelineObserver.Instance;
}
