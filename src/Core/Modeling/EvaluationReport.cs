namespace StreamMl.Core.Modeling;

/// <summary>A model measured on labelled events, overall and per slice.</summary>
/// <param name="Overall">The metrics over all labelled events.</param>
/// <param name="Slices">The metrics of each slice key the labelled events fall in (the global slice <c>*</c> included), by key.</param>
public sealed record EvaluationReport(ModelMetrics Overall, IReadOnlyDictionary<string, ModelMetrics> Slices);
