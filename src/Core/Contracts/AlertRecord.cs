namespace StreamMl.Core.Contracts;

/// <summary>An operator-facing alert written to the alerts topic (key = slice).</summary>
/// <param name="Kind">drift, warning or recovered.</param>
/// <param name="AtEvent">The slice's event count when the alert was raised.</param>
/// <param name="ModelVersion">The model serving then.</param>
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
    string? ModelVersion = null);
