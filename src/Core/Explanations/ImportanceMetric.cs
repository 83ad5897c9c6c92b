using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Quality;

namespace StreamMl.Core.Explanations;

/// <summary>The gate's metrics computed on a subset of scored examples, fast enough to run once per shuffle.</summary>
/// <remarks>
/// The definitions are the evaluation's: accuracy of the predicted class; exact ROC AUC (ties counted one half);
/// F1 of the positive class; log-loss −mean(y ln p + (1 − y) ln(1 − p)) in nats with p clamped to [10⁻¹⁵, 1 − 10⁻¹⁵];
/// MAE and RMSE of the score. The predicted class is the model's own, else p ≥ ½; p is the probability, else the score.
/// </remarks>
internal static class ImportanceMetric
{
    /// <summary>The metric on the rows, or null where it is undefined (AUC on one class, F1 with no positive anywhere, log-loss without probabilities).</summary>
    public static double? Of(GateMetric metric, IReadOnlyList<double> labels, IReadOnlyList<ModelScore> scores, IReadOnlyList<int> rows)
    {
        if (rows.Count == 0) return null;
        switch (metric)
        {
            case GateMetric.Accuracy:
                var correct = 0;
                foreach (var i in rows) if (Predicted(scores[i]) == labels[i] >= 0.5) correct++;
                return correct / (double)rows.Count;
            case GateMetric.Auc:
                var auc = new ExactAuc();
                foreach (var i in rows) auc.Add(scores[i].Probability ?? scores[i].Score, labels[i] >= 0.5);
                return auc.Auc();
            case GateMetric.F1:
                int tp = 0, fp = 0, fn = 0;
                foreach (var i in rows)
                {
                    var (label, predicted) = (labels[i] >= 0.5, Predicted(scores[i]));
                    if (label && predicted) tp++;
                    else if (predicted) fp++;
                    else if (label) fn++;
                }
                return 2 * tp + fp + fn == 0 ? null : 2.0 * tp / (2 * tp + fp + fn);
            case GateMetric.LogLoss:
                double loss = 0;
                foreach (var i in rows)
                {
                    if (scores[i].Probability is not { } probability) return null;
                    var p = Math.Clamp(probability, 1e-15, 1 - 1e-15);
                    loss -= labels[i] >= 0.5 ? Math.Log(p) : Math.Log(1 - p);
                }
                return loss / rows.Count;
            case GateMetric.MeanAbsoluteError:
                double absolute = 0;
                foreach (var i in rows) absolute += Math.Abs(scores[i].Score - labels[i]);
                return absolute / rows.Count;
            default:
                double squared = 0;
                foreach (var i in rows) squared += (scores[i].Score - labels[i]) * (scores[i].Score - labels[i]);
                return Math.Sqrt(squared / rows.Count);
        }
    }

    private static bool Predicted(ModelScore score) => score.PredictedLabel ?? (score.Probability ?? score.Score) >= 0.5;
}
