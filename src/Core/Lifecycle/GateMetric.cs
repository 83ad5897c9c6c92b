using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Lifecycle;

/// <summary>A metric the validation gate can judge a challenger by (<c>gate.metric</c>).</summary>
public enum GateMetric
{
    Accuracy,
    Auc,
    F1,
    LogLoss,
    MeanAbsoluteError,
    RootMeanSquaredError,
}

/// <summary>Names, direction and values of the gate's metrics.</summary>
public static class GateMetrics
{
    private static readonly (string Name, GateMetric Metric, LabelKind Kind)[] All =
    [
        ("accuracy", GateMetric.Accuracy, LabelKind.Binary),
        ("auc", GateMetric.Auc, LabelKind.Binary),
        ("f1", GateMetric.F1, LabelKind.Binary),
        ("logloss", GateMetric.LogLoss, LabelKind.Binary),
        ("mae", GateMetric.MeanAbsoluteError, LabelKind.Numeric),
        ("rmse", GateMetric.RootMeanSquaredError, LabelKind.Numeric),
    ];

    /// <summary>The spec names of the metrics a label kind can be judged by.</summary>
    public static IReadOnlyList<string> NamesFor(LabelKind kind) => All.Where(a => a.Kind == kind).Select(a => a.Name).ToArray();

    /// <summary>The metric a spec name stands for, for that label kind; null when the name is not one of <see cref="NamesFor"/>.</summary>
    public static GateMetric? Parse(string name, LabelKind kind)
    {
        foreach (var (n, metric, k) in All)
            if (n == name && k == kind) return metric;
        return null;
    }

    /// <summary>The spec's metric, or the label kind's default when it names none: accuracy (binary), rmse (numeric).</summary>
    /// <exception cref="ArgumentException">The spec names a metric the label kind has not.</exception>
    public static GateMetric Resolve(GateSpec gate, LabelKind kind)
    {
        if (gate.Metric is null) return kind == LabelKind.Binary ? GateMetric.Accuracy : GateMetric.RootMeanSquaredError;
        return Parse(gate.Metric, kind)
            ?? throw new ArgumentException($"gate.metric: '{gate.Metric}' is not one of {string.Join(", ", NamesFor(kind))} for a {kind.ToString().ToLowerInvariant()} label", nameof(gate));
    }

    /// <summary>The spec name of a metric.</summary>
    public static string Name(GateMetric metric) => All.First(a => a.Metric == metric).Name;

    /// <summary>Accuracy, AUC and F1 are better higher; log-loss, MAE and RMSE lower.</summary>
    public static bool HigherIsBetter(GateMetric metric) => metric is GateMetric.Accuracy or GateMetric.Auc or GateMetric.F1;

    /// <summary>The metric's value in a measurement, or null when it was not measured (e.g. AUC on one class) or is not finite.</summary>
    public static double? ValueOf(GateMetric metric, ModelMetrics metrics)
    {
        var value = metric switch
        {
            GateMetric.Accuracy => metrics.Accuracy,
            GateMetric.Auc => metrics.Auc,
            GateMetric.F1 => metrics.F1,
            GateMetric.LogLoss => metrics.LogLoss,
            GateMetric.MeanAbsoluteError => metrics.MeanAbsoluteError,
            _ => metrics.RootMeanSquaredError,
        };
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    /// <summary>How much worse <paramref name="challenger"/> is than <paramref name="champion"/>: positive when worse, whatever the metric's direction.</summary>
    public static double Shortfall(GateMetric metric, double champion, double challenger) =>
        HigherIsBetter(metric) ? champion - challenger : challenger - champion;
}
