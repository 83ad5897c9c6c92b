using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Answers a batch of valid events: scores them and records them in their slices. The returned task
/// completes only once the slices have made the batch durable, because the pipeline stores the
/// batch's offsets right after its predictions are acknowledged.
/// </summary>
public interface IBatchHandler
{
    /// <summary>One prediction per event, in the same order.</summary>
    Task<IReadOnlyList<PredictionRecord>> HandleAsync(IReadOnlyList<ValidEvent> events, CancellationToken cancellationToken);
}
