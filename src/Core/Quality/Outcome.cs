namespace StreamMl.Core.Quality;

/// <summary>One labelled prediction: what a model answered for an event and what the event turned out to be.</summary>
/// <param name="ModelVersion">The model version that scored the event.</param>
/// <param name="Score">
/// For a binary model the probability of the positive class (log-loss and ROC AUC use it); for a
/// regression model the predicted value.
/// </param>
/// <param name="PredictedPositive">The predicted class of a binary model; null for regression, which is how the two are told apart.</param>
/// <param name="Label">The ground truth: 1 for the positive class and anything else for the negative one, or the numeric value.</param>
/// <param name="Shadow">Scored by a shadow model that served nobody: it counts towards that model's quality only.</param>
public sealed record Outcome(string ModelVersion, double Score, bool? PredictedPositive, double Label, bool Shadow = false);
