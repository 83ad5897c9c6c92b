using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>Scores row by row with pooled prediction engines, each used by one thread at a time.</summary>
internal sealed class EnginePoolScorer(TrainedModel model)
{
    private readonly ConcurrentBag<Engine> _pool = [];
    private readonly bool _binary = model.Schema.IsBinary;

    public ModelScore[] Score(IReadOnlyList<ValidEvent> events)
    {
        var scores = new ModelScore[events.Count];
        var engine = Rent();
        try
        {
            for (var i = 0; i < scores.Length; i++)
            {
                model.Schema.Fill(events[i], engine.Input);
                engine.Predictor.Predict(engine.Input, ref engine.Output);
                var o = engine.Output;
                scores[i] = _binary ? new ModelScore(o.Score, o.Probability, o.PredictedLabel) : new ModelScore(o.Score, null, null);
            }
        }
        finally
        {
            _pool.Add(engine);
        }
        return scores;
    }

    private Engine Rent() => _pool.TryTake(out var engine) ? engine : new Engine(model);

    private sealed class Engine(TrainedModel model)
    {
        public readonly PredictionEngine<ModelInput, ModelOutput> Predictor = model.Context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(
            model.Transformer, ignoreMissingColumns: true, model.Schema.Definition(), OutputDefinition(model.Schema.IsBinary));
        public readonly ModelInput Input = model.Schema.NewInput();
        public ModelOutput Output = new();

        private static SchemaDefinition OutputDefinition(bool binary)
        {
            var definition = SchemaDefinition.Create(typeof(ModelOutput));
            if (!binary)
            {
                definition.Remove(definition[nameof(ModelOutput.Probability)]);
                definition.Remove(definition[nameof(ModelOutput.PredictedLabel)]);
            }
            return definition;
        }
    }
}
