using System.Globalization;
using StreamMl.Core.Modeling;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Lifecycle;

/// <summary>
/// Decides whether a challenger may replace the champion (the serving model), from both models'
/// evaluations on the same held-out examples.
/// </summary>
/// <remarks>
/// The challenger is blessed when it is no worse than the champion by more than <see cref="GateSpec.Tolerance"/>
/// overall on the gate's metric, and no judged slice is worse by more than <see cref="GateSpec.SliceTolerance"/>.
/// A slice is judged when both models have a value for it on at least <see cref="GateSpec.MinimumSliceExamples"/>
/// examples; the global slice is the overall figure and is not judged again. Accuracy, AUC and F1 are better
/// higher; log-loss, MAE and RMSE lower. A challenger with no champion (the first model) is blessed; one whose
/// overall value cannot be compared (e.g. AUC on a hold-out of one class) is not.
/// </remarks>
public static class ValidationGate
{
    // Differences this small are rounding, not a worse model: 0.843 − 0.838 is 0.005000000000000004.
    private const double Rounding = 1e-9;

    public static GateDecision Decide(GateSpec gate, LabelKind kind, EvaluationReport? champion, EvaluationReport challenger)
    {
        var metric = GateMetrics.Resolve(gate, kind);
        var name = GateMetrics.Name(metric);
        var challengerValue = GateMetrics.ValueOf(metric, challenger.Overall);
        if (champion is null)
            return new GateDecision(true, name, double.NaN, challengerValue ?? double.NaN, [], ["no champion"]);

        var championValue = GateMetrics.ValueOf(metric, champion.Overall);
        var failures = new List<string>();
        if (championValue is null || challengerValue is null)
            failures.Add($"overall {name} cannot be compared: the {(challengerValue is null ? "challenger's" : "champion's")} was not measured on the hold-out");
        else if (GateMetrics.Shortfall(metric, championValue.Value, challengerValue.Value) is var shortfall && shortfall > gate.Tolerance + Rounding)
            failures.Add($"overall {Worse(name, metric, championValue.Value, challengerValue.Value, shortfall, gate.Tolerance)}");

        var slices = Compare(gate, metric, champion, challenger);
        foreach (var s in slices)
            if (!s.Passed)
                failures.Add($"slice {s.Slice}: {Worse(name, metric, s.ChampionValue!.Value, s.ChallengerValue!.Value, s.Shortfall!.Value, gate.SliceTolerance)}");

        var reasons = failures.Count > 0 ? failures : [Blessed(name, gate, championValue!.Value, challengerValue!.Value, slices)];
        return new GateDecision(failures.Count == 0, name, championValue ?? double.NaN, challengerValue ?? double.NaN, slices, reasons);
    }

    private static List<SliceComparison> Compare(GateSpec gate, GateMetric metric, EvaluationReport champion, EvaluationReport challenger)
    {
        var keys = champion.Slices.Keys.Union(challenger.Slices.Keys).Where(k => k != SliceKey.Global).Order(StringComparer.Ordinal);
        var comparisons = new List<SliceComparison>();
        foreach (var key in keys)
        {
            var before = champion.Slices.GetValueOrDefault(key);
            var after = challenger.Slices.GetValueOrDefault(key);
            var beforeValue = before is null ? null : GateMetrics.ValueOf(metric, before);
            var afterValue = after is null ? null : GateMetrics.ValueOf(metric, after);
            var (beforeCount, afterCount) = (before?.ExampleCount ?? 0, after?.ExampleCount ?? 0);
            var judged = beforeValue is not null && afterValue is not null
                         && beforeCount >= gate.MinimumSliceExamples && afterCount >= gate.MinimumSliceExamples;
            double? shortfall = judged ? GateMetrics.Shortfall(metric, beforeValue!.Value, afterValue!.Value) : null;
            var passed = !judged || shortfall <= gate.SliceTolerance + Rounding;
            comparisons.Add(new SliceComparison(key, beforeCount, afterCount, beforeValue, afterValue, judged, shortfall, passed));
        }
        return comparisons;
    }

    /// <summary>"accuracy 0.712 is 0.131 below the champion's 0.843 (tolerance 0.005)".</summary>
    private static string Worse(string name, GateMetric metric, double champion, double challenger, double shortfall, double tolerance) =>
        $"{name} {F(challenger)} is {F(shortfall)} {(GateMetrics.HigherIsBetter(metric) ? "below" : "above")} the champion's {F(champion)} (tolerance {F(tolerance)})";

    private static string Blessed(string name, GateSpec gate, double champion, double challenger, List<SliceComparison> slices)
    {
        var judged = slices.Count(s => s.Judged);
        var sliceText = judged == 0
            ? $"no slice had {gate.MinimumSliceExamples} held-out examples to judge"
            : $"{judged} slice{(judged == 1 ? "" : "s")} judged, none worse by more than {F(gate.SliceTolerance)}";
        return $"overall {name} {F(challenger)} against the champion's {F(champion)} (tolerance {F(gate.Tolerance)}); {sliceText}";
    }

    private static string F(double x) => x.ToString("0.000#", CultureInfo.InvariantCulture);
}
