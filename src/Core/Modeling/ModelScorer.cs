using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>Scores batches of events with one model; safe to call from several threads at once.</summary>
/// <remarks>
/// Each call borrows a prediction engine from a pool, so engines are never shared between threads.
/// Row-by-row engines beat building a data view per batch: on elec with FastTree, 55k vs 0.9k
/// events/s for single events and about even (61k vs 57k) at 1,000 per batch.
/// </remarks>
public sealed class ModelScorer(TrainedModel model) : Serving.IEventScorer
{
    private readonly EnginePoolScorer _engines = new(model);

    public TrainedModel Model => model;

    /// <summary>One score per event, in order.</summary>
    public ModelScore[] Score(IReadOnlyList<ValidEvent> events) => _engines.Score(events);
}
