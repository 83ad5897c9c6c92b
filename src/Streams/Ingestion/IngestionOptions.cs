namespace StreamMl.Streams.Ingestion;

/// <summary>Topics and batching of the ingestion pipeline.</summary>
public sealed record IngestionOptions
{
    /// <summary>Input events. Default <c>streamml.events</c>.</summary>
    public string EventsTopic { get; init; } = "streamml.events";
    /// <summary>Answers. Default <c>streamml.predictions</c>.</summary>
    public string PredictionsTopic { get; init; } = "streamml.predictions";
    /// <summary>Rejected inputs. Default <c>streamml.deadletter</c>.</summary>
    public string DeadLetterTopic { get; init; } = "streamml.deadletter";
    /// <summary>Most records per batch. Default 500.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>Longest wait to fill a batch. Default 10 ms.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>Batches in flight at once (scored, recorded, produced) before the source is held back. Default 4.</summary>
    public int BatchesInFlight { get; init; } = 4;
    /// <summary>How often slices snapshot and offsets are stored; a crash repeats at most this much work. Default 2 s.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Records read ahead of the stream. Default 4,096.</summary>
    public int ReadAhead { get; init; } = 4096;
}
