namespace StreamMl.Core.Quality;

/// <summary>
/// The quality metrics of a stretch of labelled predictions, for reading. A metric is null where it is
/// undefined for the outcomes seen: no binary outcome (accuracy, F1), no predicted positive
/// (precision), no actual positive (recall), a single class (ROC AUC), no scored binary outcome
/// (log-loss), no regression outcome (MAE, RMSE).
/// </summary>
/// <param name="Count">Labelled outcomes recorded, of every kind.</param>
/// <param name="Accuracy">(TP + TN) / binary outcomes.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2·TP / (2·TP + FP + FN): the harmonic mean of precision and recall where both are defined, and 0 when there are errors but no true positive.</param>
/// <param name="Auc">ROC AUC, ties counting one half.</param>
/// <param name="AucErrorBound">How far <paramref name="Auc"/> may be from the exact value: 0 when it is exact, the bound of a binned estimate otherwise.</param>
/// <param name="LogLoss">Mean negative log-likelihood of the labels under the scores, probabilities clipped to [1e-15, 1 − 1e-15].</param>
/// <param name="Mae">Mean absolute error of the regression outcomes.</param>
/// <param name="Rmse">Root mean squared error of the regression outcomes.</param>
/// <param name="Unscored">Outcomes whose score or label is NaN: they count in nothing score-based (a binary one still counts in the confusion matrix when only its score is NaN).</param>
public sealed record QualitySummary(
    long Count,
    double? Accuracy,
    double? Precision,
    double? Recall,
    double? F1,
    double? Auc,
    double? AucErrorBound,
    double? LogLoss,
    double? Mae,
    double? Rmse,
    long Unscored);
