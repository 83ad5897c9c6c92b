namespace StreamMl.Core.Labels;

/// <summary>One model's answer to an event (a value, kept inline in the waiting prediction).</summary>
/// <param name="ModelVersion">The model version that scored the event.</param>
/// <param name="Score">The raw score (binary) or the predicted value (regression).</param>
/// <param name="PredictedPositive">The predicted class of a binary model; null for regression.</param>
/// <param name="Shadow">Whether the model scored in the shadow of the serving one (its answer was not published).</param>
public readonly record struct ScoredBy(string ModelVersion, double Score, bool? PredictedPositive, bool Shadow);
