namespace StreamMl.Core.Modeling;

/// <summary>How well a model did on a set of labelled events; the metrics of the other label kind are null.</summary>
public sealed record ModelMetrics(
    int ExampleCount,
    double? Accuracy = null,
    double? Auc = null,
    double? F1 = null,
    double? LogLoss = null,
    double? MeanAbsoluteError = null,
    double? RootMeanSquaredError = null);
