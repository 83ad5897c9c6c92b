namespace StreamMl.Core.Slices;

/// <summary>The kinds of drift signal a slice raises.</summary>
public static class DriftSignalKinds
{
    /// <summary>A detection: a test or detector found drift. The first of an alarm raises it; the error detector's later ones keep it raised.</summary>
    public const string Drift = "drift";
    public const string Warning = "warning";
    public const string Recovered = "recovered";
}

/// <summary>
/// A detection (kind drift), a warning, or a recovery of one alarm of a slice. Every firing of the error-stream
/// detector is a detection of its own; a window test detects when its alarm is raised, and windows that go on
/// showing the drift add nothing until it has recovered.
/// </summary>
/// <param name="Kind">drift, warning or recovered (<see cref="DriftSignalKinds"/>).</param>
/// <param name="Feature">The feature, <c>label</c>, <c>prediction</c>, or <c>error</c> for the error stream.</param>
/// <param name="Test">The two-sample test or detector that decided.</param>
/// <param name="Statistic">The test statistic; for a detection of the error detector, the error rate since its previous detection.</param>
/// <param name="Threshold">What the statistic or p-value was held to: a distance's threshold, a hypothesis test's share of alpha.</param>
/// <param name="PValue">The test's p-value (for a distance, under its null at the compared sizes).</param>
/// <param name="WindowIndex">The closed window compared (null for the error stream).</param>
/// <param name="WindowStart">Start of that window.</param>
/// <param name="WindowEnd">End of that window.</param>
/// <param name="AtEvent">The slice's lifetime event count when the signal was raised: the detection's position.</param>
/// <param name="ModelVersion">The model version serving when it was raised.</param>
/// <param name="RaisedAtEvent">The position of the detection that raised the alarm this signal belongs to (null for a warning).</param>
/// <param name="Detections">Detections of that alarm so far, this one included (null for a warning).</param>
public sealed record DriftSignal(
    string Kind,
    string Feature,
    string Test,
    double? Statistic,
    double? Threshold,
    double? PValue,
    long? WindowIndex,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    long AtEvent,
    string? ModelVersion,
    long? RaisedAtEvent = null,
    int? Detections = null)
{
    public string Key => DriftAlarmKey.Of(Feature, Test);
}

/// <summary>The key of an alarm: one per feature and test.</summary>
public static class DriftAlarmKey
{
    public static string Of(string feature, string test) => $"{feature}|{test}";
}
