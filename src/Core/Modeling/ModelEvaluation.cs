using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>Measures a model on labelled events with ML.NET's evaluators.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Accuracy, AUC, F1 and log-loss for a binary label; MAE and RMSE for a numeric one. Unlabelled events are
    /// skipped. Events of one class only have no AUC or log-loss (ML.NET cannot compute them).
    /// </summary>
    public static ModelMetrics Evaluate(TrainedModel model, IReadOnlyList<ValidEvent> examples)
    {
        var labelled = Labelled(examples);
        return ScoredExamples.Score(model, labelled).Measure(Enumerable.Range(0, labelled.Count).ToArray());
    }

    /// <summary>
    /// The metrics of <see cref="Evaluate"/>, overall and for each slice key the labelled events fall in
    /// (<see cref="ValidEvent.Slices"/>, the global slice included). The events are scored once; each slice is
    /// measured on its share of those predictions.
    /// </summary>
    public static EvaluationReport EvaluateBySlice(TrainedModel model, IReadOnlyList<ValidEvent> examples)
    {
        var labelled = Labelled(examples);
        var scored = ScoredExamples.Score(model, labelled);
        var rowsBySlice = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < labelled.Count; i++)
            foreach (var slice in labelled[i].Slices)
            {
                if (!rowsBySlice.TryGetValue(slice, out var rows)) rowsBySlice[slice] = rows = [];
                rows.Add(i);
            }
        var overall = scored.Measure(Enumerable.Range(0, labelled.Count).ToArray());
        var slices = rowsBySlice.ToDictionary(s => s.Key, s => scored.Measure(s.Value), StringComparer.Ordinal);
        return new EvaluationReport(overall, slices);
    }

    private static IReadOnlyList<ValidEvent> Labelled(IReadOnlyList<ValidEvent> examples)
    {
        var labelled = LabelledExamples.Of(examples).Events;
        if (labelled.Count == 0) throw new ArgumentException("there are no labelled examples to evaluate on", nameof(examples));
        return labelled;
    }
}
