namespace StreamMl.Core.Contracts;

/// <summary>The answer to one event, written to the predictions topic (key = event id).</summary>
/// <param name="Id">The event id.</param>
/// <param name="ModelVersion">The model version that produced the answer.</param>
/// <param name="Score">The raw score (binary) or the predicted value (regression).</param>
/// <param name="Probability">The calibrated probability of the positive class, when the model has one.</param>
/// <param name="PredictedLabel">The predicted class (binary) or null.</param>
/// <param name="Slices">The slice keys the event fell in.</param>
/// <param name="Time">The event time.</param>
public sealed record PredictionRecord(
    string Id,
    string ModelVersion,
    double Score,
    double? Probability,
    bool? PredictedLabel,
    IReadOnlyList<string> Slices,
    DateTimeOffset Time);
