namespace StreamMl.Core.Contracts;

/// <summary>An operator-facing alert written to the alerts topic (key = slice).</summary>
/// <param name="Kind">drift, warning or recovered.</param>
/// <param name="AtEvent">The slice's event count when the alert was raised: a detection's position.</param>
/// <param name="ModelVersion">The model serving then.</param>
/// <param name="PValue">The test's p-value, when it has one.</param>
/// <param name="RaisedAtEvent">For a drift alert's detection or recovery, the position of the detection that raised the alarm.</param>
/// <param name="Detections">For those, the alarm's detections so far (1 for the one that raised it).</param>
public sealed record AlertRecord(
    string Kind,
    string Slice,
    string? Feature,
    string? Test,
    double? Statistic,
    double? Threshold,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    DateTimeOffset Time,
    string? Detail = null,
    long? AtEvent = null,
    string? ModelVersion = null,
    double? PValue = null,
    long? RaisedAtEvent = null,
    int? Detections = null);
