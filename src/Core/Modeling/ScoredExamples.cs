using Microsoft.ML;

namespace StreamMl.Core.Modeling;

/// <summary>
/// A model's predictions on labelled events, read once into memory so that any subset of them can be
/// measured with ML.NET's evaluators without scoring again.
/// </summary>
internal sealed class ScoredExamples
{
    private readonly MLContext _context;
    private readonly BinaryRow[]? _binary;
    private readonly NumericRow[]? _numeric;

    private ScoredExamples(MLContext context, BinaryRow[]? binary, NumericRow[]? numeric)
    {
        _context = context;
        _binary = binary;
        _numeric = numeric;
    }

    public int Count => _binary?.Length ?? _numeric!.Length;

    /// <summary>Scores the labelled events with the model in one pass and keeps the label and prediction columns.</summary>
    public static ScoredExamples Score(TrainedModel model, IReadOnlyList<Ingestion.ValidEvent> labelled)
    {
        var context = model.Context;
        var predictions = model.Transformer.Transform(model.Schema.Load(context, labelled));
        return model.Schema.IsBinary
            ? new(context, context.Data.CreateEnumerable<BinaryRow>(predictions, reuseRowObject: false).ToArray(), null)
            : new(context, null, context.Data.CreateEnumerable<NumericRow>(predictions, reuseRowObject: false).ToArray());
    }

    /// <summary>
    /// Accuracy, AUC, F1 and log-loss (binary) or MAE and RMSE (numeric) of the rows at these indices.
    /// Rows of one class only have no AUC or log-loss, and no F1 when neither the label nor any prediction is positive.
    /// </summary>
    public ModelMetrics Measure(IReadOnlyList<int> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("there are no rows to measure", nameof(rows));
        if (_numeric is not null)
        {
            var r = _context.Regression.Evaluate(_context.Data.LoadFromEnumerable(rows.Select(i => _numeric[i])));
            return new ModelMetrics(rows.Count, MeanAbsoluteError: r.MeanAbsoluteError, RootMeanSquaredError: r.RootMeanSquaredError);
        }
        var binary = _binary!;
        var positives = 0;
        foreach (var i in rows)
            if (binary[i].Label) positives++;
        // ML.NET's binary evaluators always compute AUC, and refuse to without both classes.
        if (positives == 0 || positives == rows.Count) return OneClass(binary, rows);
        var b = _context.BinaryClassification.Evaluate(_context.Data.LoadFromEnumerable(rows.Select(i => binary[i])));
        return new ModelMetrics(rows.Count, b.Accuracy, b.AreaUnderRocCurve, b.F1Score, b.LogLoss);
    }

    private static ModelMetrics OneClass(BinaryRow[] binary, IReadOnlyList<int> rows)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, correct = 0;
        foreach (var i in rows)
        {
            var (label, predicted) = (binary[i].Label, binary[i].PredictedLabel);
            if (label == predicted) correct++;
            if (label && predicted) truePositives++;
            else if (predicted) falsePositives++;
            else if (label) falseNegatives++;
        }
        var f1Denominator = 2 * truePositives + falsePositives + falseNegatives;
        return new ModelMetrics(
            rows.Count,
            Accuracy: correct / (double)rows.Count,
            F1: f1Denominator == 0 ? null : 2.0 * truePositives / f1Denominator);
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class NumericRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
