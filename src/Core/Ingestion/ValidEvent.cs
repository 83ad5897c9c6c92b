using System.Text.Json.Serialization;

namespace StreamMl.Core.Ingestion;

/// <summary>An event that passed validation against the spec, laid out for statistics and scoring.</summary>
/// <remarks>
/// One is made for every event consumed, and a scored one is held until its label joins: the optional time and label are
/// kept as plain values with flags (80 bytes an event, where nullable fields took 96), and read as nullable properties.
/// </remarks>
public sealed record ValidEvent
{
    private readonly long _timeTicks;
    private readonly double _label;
    private readonly short _offsetMinutes;
    private readonly bool _hasTime;
    private readonly bool _hasLabel;

    /// <param name="id">The event id.</param>
    /// <param name="time">The event time, when the event named one.</param>
    /// <param name="numeric">Numeric features in spec order; NaN where missing.</param>
    /// <param name="categorical">Categorical features in spec order; null where missing.</param>
    /// <param name="derived">Derived columns in spec order; null where their source is missing.</param>
    /// <param name="label">The label when the event carries one: 1/0 for binary labels, the value for numeric ones.</param>
    /// <param name="slices">The slice keys the event falls in, the global slice first.</param>
    [JsonConstructor]
    public ValidEvent(string id, DateTimeOffset? time, double[] numeric, string?[] categorical, string?[] derived, double? label, string[] slices)
    {
        (Id, Numeric, Categorical, Derived, Slices) = (id, numeric, categorical, derived, slices);
        Time = time;
        Label = label;
    }

    /// <summary>The event id.</summary>
    public string Id { get; init; }

    /// <summary>The event time, when the event named one.</summary>
    public DateTimeOffset? Time
    {
        get => _hasTime ? new DateTimeOffset(_timeTicks, TimeSpan.FromMinutes(_offsetMinutes)) : null;
        init => (_hasTime, _timeTicks, _offsetMinutes) = value is { } t ? (true, t.Ticks, (short)t.TotalOffsetMinutes) : (false, 0L, (short)0);
    }

    /// <summary>Numeric features in spec order; NaN where missing.</summary>
    public double[] Numeric { get; init; }

    /// <summary>Categorical features in spec order; null where missing.</summary>
    public string?[] Categorical { get; init; }

    /// <summary>Derived columns in spec order; null where their source is missing.</summary>
    public string?[] Derived { get; init; }

    /// <summary>The label when the event carries one: 1/0 for binary labels, the value for numeric ones.</summary>
    public double? Label
    {
        get => _hasLabel ? _label : null;
        init => (_hasLabel, _label) = value is { } l ? (true, l) : (false, 0d);
    }

    /// <summary>The slice keys the event falls in, the global slice first.</summary>
    public string[] Slices { get; init; }
}
