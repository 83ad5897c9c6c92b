using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>Scores a batch as one data view, reading the prediction columns with a cursor.</summary>
internal sealed class DataViewScorer(TrainedModel model)
{
    public ModelScore[] Score(IReadOnlyList<ValidEvent> events)
    {
        var scores = new ModelScore[events.Count];
        var predictions = model.Transformer.Transform(model.Schema.Load(model.Context, events));
        var schema = predictions.Schema;
        var binary = model.Schema.IsBinary;
        var scoreColumn = schema["Score"];
        var columns = binary ? new[] { scoreColumn, schema["Probability"], schema["PredictedLabel"] } : [scoreColumn];
        using var cursor = predictions.GetRowCursor(columns);
        var getScore = cursor.GetGetter<float>(scoreColumn);
        var getProbability = binary ? cursor.GetGetter<float>(schema["Probability"]) : null;
        var getLabel = binary ? cursor.GetGetter<bool>(schema["PredictedLabel"]) : null;
        float score = 0, probability = 0;
        var label = false;
        for (var i = 0; cursor.MoveNext(); i++)
        {
            getScore(ref score);
            if (binary)
            {
                getProbability!(ref probability);
                getLabel!(ref label);
                scores[i] = new ModelScore(score, probability, label);
            }
            else
            {
                scores[i] = new ModelScore(score, null, null);
            }
        }
        return scores;
    }
}
