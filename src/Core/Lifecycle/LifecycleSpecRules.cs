using System.Globalization;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Lifecycle;

/// <summary>Checks a spec's retraining and gate sections; each broken rule yields a message naming its key.</summary>
public static class LifecycleSpecRules
{
    public static IEnumerable<string> Check(PipelineSpec spec)
    {
        var r = spec.Retraining;
        var triggers = new HashSet<RetrainingTriggerKind>();
        foreach (var name in r.Triggers)
        {
            if (RetrainingTriggerKinds.Parse(name) is not { } kind)
                yield return $"retraining.triggers: '{name}' is not one of {string.Join(", ", RetrainingTriggerKinds.Names)}";
            else if (!triggers.Add(kind))
                yield return $"retraining.triggers: '{name}' is listed twice";
        }
        if (r.EveryLabelledExamples < 1) yield return $"retraining.everyLabelledExamples: {r.EveryLabelledExamples} is not at least 1";
        if (r.ScheduleMinutes < 0) yield return $"retraining.scheduleMinutes: {r.ScheduleMinutes} is negative";
        else if (r.ScheduleMinutes == 0 && triggers.Contains(RetrainingTriggerKind.Schedule))
            yield return "retraining.scheduleMinutes: must be above 0 when retraining.triggers includes 'schedule'";
        if (r.DebounceSeconds < 0) yield return $"retraining.debounceSeconds: {r.DebounceSeconds} is negative";
        if (r.CooldownSeconds < 0) yield return $"retraining.cooldownSeconds: {r.CooldownSeconds} is negative";
        if (r.MinimumExamples < ModelTrainer.MinimumExamples)
            yield return $"retraining.minimumExamples: {r.MinimumExamples} is below {ModelTrainer.MinimumExamples}, the fewest a model can be trained on";
        if (r.WindowExamples < r.MinimumExamples)
            yield return $"retraining.windowExamples: {r.WindowExamples} is below retraining.minimumExamples ({r.MinimumExamples})";
        if (!(r.HoldoutFraction is > 0 and < 1))
            yield return $"retraining.holdoutFraction: {Text(r.HoldoutFraction)} is not in (0, 1)";
        else if (r.MinimumExamples >= ModelTrainer.MinimumExamples
                 && r.MinimumExamples - HoldoutSplit.HoldoutCount(r.MinimumExamples, r.HoldoutFraction) is var left && left < ModelTrainer.MinimumExamples)
            yield return $"retraining.holdoutFraction: {Text(r.HoldoutFraction)} of a snapshot of retraining.minimumExamples ({r.MinimumExamples}) " +
                         $"leaves {left} to train on; at least {ModelTrainer.MinimumExamples} are needed";
        var mode = RetrainingModes.Parse(r.Mode);
        if (mode is null)
            yield return $"retraining.mode: '{r.Mode}' is not one of {string.Join(", ", RetrainingModes.Names)}";
        else if (mode == RetrainingMode.Incremental && (spec.Label.Kind != LabelKind.Binary || !IsLbfgs(spec.Model.Trainer)))
            yield return $"retraining.mode: 'incremental' warm-starts a binary {TrainerCatalog.LbfgsLogisticRegression} model; " +
                         $"the spec has model.trainer '{spec.Model.Trainer}' and a {spec.Label.Kind.ToString().ToLowerInvariant()} label";

        var g = spec.Gate;
        if (g.Metric is not null && GateMetrics.Parse(g.Metric, spec.Label.Kind) is null)
            yield return $"gate.metric: '{g.Metric}' is not one of {string.Join(", ", GateMetrics.NamesFor(spec.Label.Kind))} for a {spec.Label.Kind.ToString().ToLowerInvariant()} label";
        if (!(g.Tolerance >= 0 && double.IsFinite(g.Tolerance))) yield return $"gate.tolerance: {Text(g.Tolerance)} is not a finite number at least 0";
        if (!(g.SliceTolerance >= 0 && double.IsFinite(g.SliceTolerance))) yield return $"gate.sliceTolerance: {Text(g.SliceTolerance)} is not a finite number at least 0";
        if (g.MinimumSliceExamples < 1) yield return $"gate.minimumSliceExamples: {g.MinimumSliceExamples} is not at least 1";
    }

    private static bool IsLbfgs(string? trainer) => string.Equals(trainer, TrainerCatalog.LbfgsLogisticRegression, StringComparison.OrdinalIgnoreCase);

    private static string Text(double x) => x.ToString(CultureInfo.InvariantCulture);
}
