namespace StreamMl.Core.Contracts;

/// <summary>An input event as producers write it to the events topic (key = <see cref="Id"/>).</summary>
public sealed record EventRecord(
    string Id,
    DateTimeOffset? Time,
    IReadOnlyDictionary<string, FeatureValue> Features,
    FeatureValue? Label = null);

/// <summary>Late ground truth for an event, joined to its prediction by id.</summary>
public sealed record LabelRecord(string Id, FeatureValue Label);
