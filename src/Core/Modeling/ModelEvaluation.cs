using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>Measures a model on labelled events with ML.NET's evaluators.</summary>
public static class ModelEvaluation
{
    /// <summary>Accuracy, AUC, F1 and log-loss for a binary label; MAE and RMSE for a numeric one. Unlabelled events are skipped.</summary>
    public static ModelMetrics Evaluate(TrainedModel model, IReadOnlyList<ValidEvent> examples)
    {
        var examplesWithLabels = LabelledExamples.Of(examples);
        var labelled = examplesWithLabels.Events;
        if (labelled.Count == 0) throw new ArgumentException("there are no labelled examples to evaluate on", nameof(examples));
        var predictions = model.Transformer.Transform(model.Schema.Load(model.Context, labelled));
        if (model.Spec.Spec.Label.Kind == LabelKind.Numeric)
        {
            var r = model.Context.Regression.Evaluate(predictions);
            return new ModelMetrics(labelled.Count, MeanAbsoluteError: r.MeanAbsoluteError, RootMeanSquaredError: r.RootMeanSquaredError);
        }
        // ML.NET refuses to compute AUC without both classes; report the rest and leave AUC out.
        if (!examplesWithLabels.HasBothClasses)
        {
            var single = model.Context.BinaryClassification.EvaluateNonCalibrated(predictions);
            return new ModelMetrics(labelled.Count, Accuracy: single.Accuracy, F1: single.F1Score);
        }
        var b = model.Context.BinaryClassification.Evaluate(predictions);
        return new ModelMetrics(labelled.Count, b.Accuracy, b.AreaUnderRocCurve, b.F1Score, b.LogLoss);
    }
}
