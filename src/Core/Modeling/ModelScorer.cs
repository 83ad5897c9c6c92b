using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>Scores batches of events with one model; safe to call from several threads at once.</summary>
public sealed class ModelScorer(TrainedModel model)
{
    private readonly EnginePoolScorer _engines = new(model);
    private readonly DataViewScorer _dataView = new(model);

    public TrainedModel Model => model;

    public ModelScore[] Score(IReadOnlyList<ValidEvent> events) => _engines.Score(events);

    internal ModelScore[] ScoreWithDataView(IReadOnlyList<ValidEvent> events) => _dataView.Score(events);
}
