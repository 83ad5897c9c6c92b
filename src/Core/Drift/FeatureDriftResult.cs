namespace StreamMl.Core.Drift;

/// <summary>One test's result for one feature, or for <c>"label"</c> or <c>"prediction"</c>.</summary>
public sealed record FeatureDriftResult(string Feature, DriftTestResult Result);
