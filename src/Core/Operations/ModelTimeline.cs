using System.Globalization;
using StreamMl.Core.Registry;

namespace StreamMl.Core.Operations;

/// <summary>
/// The model lifecycle as a timeline, folded from the registry's journal events: imports, training runs, gate
/// decisions, promotions, rollbacks, and each node's deployment or refusal. It also counts the retraining runs by
/// outcome. Not thread-safe: its owner serialises access.
/// </summary>
public sealed class ModelTimeline
{
    /// <summary>The most steps kept (the newest win); the registry's journal keeps them all.</summary>
    public const int MaxSteps = 2000;

    private readonly List<TimelineStep> _steps = [];
    private readonly Dictionary<string, long> _runs = new(StringComparer.Ordinal)
    {
        [RunOutcomes.Passed] = 0, [RunOutcomes.Rejected] = 0, [RunOutcomes.Failed] = 0,
    };

    /// <summary>Retraining runs that ended, by outcome (<see cref="RunOutcomes"/>).</summary>
    public IReadOnlyDictionary<string, long> Runs => _runs;

    public IReadOnlyList<TimelineStep> Steps(int max) => _steps.Count <= max ? _steps.ToList() : _steps.GetRange(_steps.Count - max, max);

    public void Apply(IRegistryEvent e)
    {
        if (Step(e) is not { } step) return;
        _steps.Add(step);
        if (_steps.Count > MaxSteps) _steps.RemoveRange(0, _steps.Count - MaxSteps);
        if (e is GateDecided gate) _runs[gate.Decision.Passed ? RunOutcomes.Passed : RunOutcomes.Rejected]++;
        if (e is TrainingFailed) _runs[RunOutcomes.Failed]++;
    }

    /// <summary>The step of an event; null for the steps a timeline leaves out (the training snapshot, the evaluation report).</summary>
    public static TimelineStep? Step(IRegistryEvent e) => e switch
    {
        ModelImported i => new(i.At, "imported", i.Version, null, null),
        TrainingRequested r => new(r.At, "training-requested", r.Version, null, $"{r.Trigger.Kind}: {r.Trigger.Detail}"),
        ModelTrained t => new(t.At, "trained", t.Version, null, $"{t.Model.Trainer} on {t.Model.ExampleCount} examples"),
        GateDecided g => new(g.At, g.Decision.Passed ? "gate-passed" : "gate-rejected", g.Version, null,
            $"{g.Decision.Metric} {Number(g.Decision.ChallengerValue)} vs champion {Number(g.Decision.ChampionValue)}"),
        TrainingFailed f => new(f.At, "training-failed", null, null, f.Reason),
        ModelPromoted p => new(p.At, "promoted", p.Version, null,
            p.Mode == ServingModes.Canary ? $"canary {Number(p.CanaryShare)} by {p.By}" : $"{p.Mode} by {p.By}"),
        ModelRolledBack b => new(b.At, "rolled-back", b.To, null, $"from {b.From} by {b.By}"),
        ModelDeployed d => new(d.At, "deployed", d.Version, d.Node, null),
        ModelRefused r => new(r.At, "refused", r.Version, r.Node, r.Reason),
        OnlineModelStarted o => new(o.At, "online-started", o.Version, null, $"{o.Model.Online!.Learner} from label-log offset {o.Model.Online.StartOffset}"),
        OnlineModelReset r => new(r.At, "online-reset", r.Version, null, $"at label-log offset {r.LogOffset}: {r.Reason}"),
        OnlineCheckpointRecorded c => new(c.At, "online-checkpoint", c.Version, c.Checkpoint.Node,
            $"{c.Checkpoint.Updates} updates at label-log offset {c.Checkpoint.ToOffset}, {c.Checkpoint.Duplicates} duplicates"),
        ChallengerJudged j => new(j.At, j.Decision.Passed ? "gate-passed" : "gate-rejected", j.Version, null,
            $"prequential {j.Decision.Metric} {Number(j.Decision.ChallengerValue)} vs champion {Number(j.Decision.ChampionValue)}"),
        _ => null,
    };

    private static string Number(double x) => double.IsFinite(x) ? x.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>One step of the model timeline.</summary>
/// <param name="Kind">imported, training-requested, trained, gate-passed, gate-rejected, training-failed, promoted, rolled-back, deployed, refused, online-started, online-checkpoint, online-reset.</param>
/// <param name="Node">The node of a deployment or refusal, or the node that wrote an online checkpoint.</param>
public sealed record TimelineStep(DateTimeOffset At, string Kind, string? Version, string? Node, string? Detail);

/// <summary>How a retraining run ended.</summary>
public static class RunOutcomes
{
    public const string Passed = "passed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}
