namespace StreamMl.Core.Contracts;

/// <summary>The answer to one event, written to the predictions topic (key = event id).</summary>
/// <param name="Id">The event id.</param>
/// <param name="ModelVersion">The model version that produced the answer.</param>
/// <param name="Score">The raw score (binary) or the predicted value (regression).</param>
/// <param name="Probability">The calibrated probability of the positive class, when the model has one.</param>
/// <param name="PredictedLabel">The predicted class (binary) or null.</param>
/// <param name="Slices">The slice keys the event fell in.</param>
/// <param name="Time">The event time.</param>
/// <param name="ModelUpdates">An online model's examples learnt when it answered; absent for a batch model.</param>
/// <param name="LabelsBehind">An online model's labels in the label log not yet learnt when it answered.</param>
/// <param name="MsBehind">How long before the answer the online model had last learnt every label of the log (0 when it had).</param>
public sealed record PredictionRecord(
    string Id,
    string ModelVersion,
    double Score,
    double? Probability,
    bool? PredictedLabel,
    IReadOnlyList<string> Slices,
    DateTimeOffset Time,
    long? ModelUpdates = null,
    long? LabelsBehind = null,
    long? MsBehind = null);
