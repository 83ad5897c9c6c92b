namespace StreamMl.Core.Slices;

/// <summary>The kinds of drift signal a slice raises.</summary>
public static class DriftSignalKinds
{
    public const string Drift = "drift";
    public const string Warning = "warning";
    public const string Recovered = "recovered";
}

/// <summary>
/// A change of a slice's drift state: a new alarm, a warning, or a recovery. Repeated evidence for an
/// alarm already raised yields no new signal.
/// </summary>
/// <param name="Kind">drift, warning or recovered (<see cref="DriftSignalKinds"/>).</param>
/// <param name="Feature">The feature, <c>label</c>, <c>prediction</c>, or <c>error</c> for the error stream.</param>
/// <param name="Test">The two-sample test or detector that decided.</param>
/// <param name="Statistic">The test statistic (null for a detector).</param>
/// <param name="Threshold">The threshold or significance level it was held against.</param>
/// <param name="PValue">The p-value of a hypothesis test.</param>
/// <param name="WindowIndex">The closed window compared (null for the error stream).</param>
/// <param name="WindowStart">Start of that window.</param>
/// <param name="WindowEnd">End of that window.</param>
/// <param name="AtEvent">The slice's lifetime event count when the signal was raised.</param>
/// <param name="ModelVersion">The model version serving when it was raised.</param>
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
    string? ModelVersion)
{
    public string Key => DriftAlarmKey.Of(Feature, Test);
}

/// <summary>The key of an alarm: one per feature and test.</summary>
public static class DriftAlarmKey
{
    public static string Of(string feature, string test) => $"{feature}|{test}";
}
