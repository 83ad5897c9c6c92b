namespace StreamMl.Core.Modeling;

/// <summary>A model's answer for one event.</summary>
/// <param name="Score">The raw score (binary) or the predicted value (numeric label).</param>
/// <param name="Probability">The calibrated probability of the positive class; null for numeric labels.</param>
/// <param name="PredictedLabel">The predicted class; null for numeric labels.</param>
public readonly record struct ModelScore(double Score, double? Probability, bool? PredictedLabel);
