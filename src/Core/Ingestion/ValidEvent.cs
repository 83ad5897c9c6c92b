namespace StreamMl.Core.Ingestion;

/// <summary>An event that passed validation against the spec, laid out for statistics and scoring.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Time">The event time, when the event named one.</param>
/// <param name="Numeric">Numeric features in spec order; NaN where missing.</param>
/// <param name="Categorical">Categorical features in spec order; null where missing.</param>
/// <param name="Derived">Derived columns in spec order; null where their source is missing.</param>
/// <param name="Label">The label when the event carries one: 1/0 for binary labels, the value for numeric ones.</param>
/// <param name="Slices">The slice keys the event falls in, the global slice first.</param>
public sealed record ValidEvent(
    string Id,
    DateTimeOffset? Time,
    double[] Numeric,
    string?[] Categorical,
    string?[] Derived,
    double? Label,
    string[] Slices);
