using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Answers a batch of valid events: scores them and records them in their slices.
/// </summary>
public interface IBatchHandler
{
    /// <summary>
    /// Scores the batch at once and starts recording it. The predictions (one per event, in order) can be
    /// produced right away; <see cref="AnsweredBatch.Recorded"/> completes once every slice has applied the batch.
    /// </summary>
    AnsweredBatch Handle(IReadOnlyList<ValidEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Makes every batch whose <see cref="AnsweredBatch.Recorded"/> has completed durable. The pipeline
    /// stores Kafka offsets only after this, so a crash never skips a batch the slices did not keep.
    /// </summary>
    Task CheckpointAsync(CancellationToken cancellationToken);
}

/// <summary>The predictions of a batch and the task that completes when its slices have recorded it.</summary>
public sealed record AnsweredBatch(IReadOnlyList<PredictionRecord> Predictions, Task Recorded);
