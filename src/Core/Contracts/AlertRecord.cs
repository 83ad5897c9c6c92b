namespace StreamMl.Core.Contracts;

/// <summary>An operator-facing alert written to the alerts topic.</summary>
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
    string? Detail = null);
