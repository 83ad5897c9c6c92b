using StreamMl.Core.Contracts;

namespace StreamMl.Core.Registry;

/// <summary>What the registry does with a command: the events to journal, then the reply (computed on the state with them applied).</summary>
/// <param name="Failure">Set when the command names what the registry never heard of: it is answered as a failure, with nothing journaled.</param>
public sealed record RegistryDecision(IReadOnlyList<IRegistryEvent> Events, Func<RegistryState, object?> Reply, string? Failure = null)
{
    public static RegistryDecision Failed(string failure) => new([], _ => null, failure);
}

/// <summary>
/// The registry's decisions as a pure function of its state and a command (<see cref="Decide"/>), with the alerts
/// its journal events raise (<see cref="AlertFor"/>). The actor only persists, applies, replies and publishes.
/// </summary>
public static class RegistryDecider
{
    public static RegistryDecision Decide(RegistryState state, IRegistryCommand command, DateTimeOffset now) => command switch
    {
        ImportModel c => Import(state, c, now),
        StartTrainingRun c => Open(state, c, now),
        RecordSnapshot c => ForRun(state, c.RunId, () => new RegistryDecision(
            [new TrainingSnapshotTaken(c.RunId, c.Snapshot, c.TrainingExamples, c.HoldoutExamples, now)], _ => RegistryAck.Instance)),
        RecordTrainingFailure c => ForRun(state, c.RunId, () => new RegistryDecision(
            [new TrainingFailed(c.RunId, c.Reason, now)], _ => RegistryAck.Instance)),
        RecordTrainingResult c => ForRun(state, c.RunId, () => Result(state, c, now)),
        PromoteModel c => state.CheckPromotion(c.Version, c.Mode, c.CanaryShare) is { } refusal
            ? new RegistryDecision([], s => new RegistryCommandResult(refusal, s.Plan))
            : new RegistryDecision([new ModelPromoted(c.Version, c.Mode, c.CanaryShare, state.Champion, c.By, now)], s => new RegistryCommandResult(null, s.Plan)),
        RollBackModel c => state.CheckRollback() is { } refusal
            ? new RegistryDecision([], s => new RegistryCommandResult(refusal, s.Plan))
            : new RegistryDecision([new ModelRolledBack(state.Champion!, state.PreviousChampions[^1], c.By, now)], s => new RegistryCommandResult(null, s.Plan)),
        ReportDeployment c => Deployment(state, c, now),
        StartOnlineModel c => StartOnline(state, c, now),
        RecordOnlineCheckpoint c => ForOnline(state, c.Version, entry =>
            entry.Online?.LastCheckpoint is { } last && last.ToOffset >= c.Checkpoint.ToOffset
                ? new RegistryDecision([], _ => RegistryAck.Instance)
                : new RegistryDecision([new OnlineCheckpointRecorded(c.Version, c.Checkpoint, now)], _ => RegistryAck.Instance)),
        RecordOnlineReset c => ForOnline(state, c.Version, _ =>
            new RegistryDecision([new OnlineModelReset(c.Version, c.LogOffset, c.Reason, now)], _ => RegistryAck.Instance)),
        RecordPrequentialJudgement c => state.Find(c.Version) is null
            ? RegistryDecision.Failed($"there is no model version '{c.Version}'")
            : state.WasJudged(c.Version) || state.Challenger != c.Version
                ? new RegistryDecision([], _ => RegistryAck.Instance)
                : new RegistryDecision([new ChallengerJudged(c.Version, c.Champion, c.Challenger, c.ChampionReport, c.Decision, now)], _ => RegistryAck.Instance),
        _ => throw new ArgumentException($"unknown registry command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>The operator-facing alert a journal event raises, or null: a failed run, a gate's refusal, a node's refusal.</summary>
    public static (string Key, AlertRecord Alert)? AlertFor(IRegistryEvent e) => e switch
    {
        TrainingFailed f => (ModelAlertKinds.TrainingFailed,
            new AlertRecord(ModelAlertKinds.TrainingFailed, "*", null, null, null, null, null, null, f.At, $"{f.RunId}: {f.Reason}")),
        GateDecided { Decision.Passed: false } g => (ModelAlertKinds.Rejected,
            new AlertRecord(ModelAlertKinds.Rejected, "*", null, g.Decision.Metric, g.Decision.ChallengerValue, g.Decision.ChampionValue, null, null, g.At,
                $"model {g.Version} ({g.RunId}) rejected: {string.Join("; ", g.Decision.Reasons)}", ModelVersion: g.Version)),
        ChallengerJudged { Decision.Passed: false } j => (ModelAlertKinds.Rejected,
            new AlertRecord(ModelAlertKinds.Rejected, "*", null, j.Decision.Metric, j.Decision.ChallengerValue, j.Decision.ChampionValue, null, null, j.At,
                $"challenger {j.Version} rejected on prequential quality and withdrawn: {string.Join("; ", j.Decision.Reasons)}", ModelVersion: j.Version)),
        ModelRefused r => (ModelAlertKinds.Refused,
            new AlertRecord(ModelAlertKinds.Refused, "*", null, null, null, null, null, null, r.At,
                $"node {r.Node} refused model {r.Version}: {r.Reason}", ModelVersion: r.Version)),
        _ => null,
    };

    private static RegistryDecision Import(RegistryState state, ImportModel c, DateTimeOffset now)
    {
        if (state.Find(c.Version) is { } known)
        {
            var same = string.Equals(known.Model.ArtifactSha256, c.Model.ArtifactSha256, StringComparison.OrdinalIgnoreCase);
            var reason = same ? null : $"version {c.Version} is registered with SHA-256 {known.Model.ArtifactSha256}, not {c.Model.ArtifactSha256}";
            return new RegistryDecision([], s => new ModelImportResult(same, reason, s.Plan));
        }
        List<IRegistryEvent> events = [new ModelImported(c.Version, c.Model, c.Metrics, now)];
        if (state.Champion is null) events.Add(new ModelPromoted(c.Version, ServingModes.Full, 0, null, "import", now));
        return new RegistryDecision(events, s => new ModelImportResult(true, null, s.Plan));
    }

    private static RegistryDecision Open(RegistryState state, StartTrainingRun c, DateTimeOffset now)
    {
        var runId = state.NextRunId();
        var version = state.NextVersion();
        var champion = state.Plan.Champion;
        return new RegistryDecision([new TrainingRequested(runId, version, c.Trigger, c.Merged, champion?.Version, c.Mode, now)],
            _ => new TrainingRunStarted(runId, version, champion));
    }

    private static RegistryDecision Result(RegistryState state, RecordTrainingResult c, DateTimeOffset now)
    {
        var version = state.VersionOf(c.RunId)!;
        return new RegistryDecision(
        [
            new ModelTrained(c.RunId, version, c.Model, now),
            new ModelEvaluated(c.RunId, version, c.Challenger, c.Champion, c.ChampionReport, now, c.Importance),
            new GateDecided(c.RunId, version, c.Decision, now),
        ], _ => new TrainingRecorded(c.RunId, version, c.Decision.Passed));
    }

    /// <summary>A node re-reports on every plan it applies; only a change of its state on a current plan is news.</summary>
    private static RegistryDecision Deployment(RegistryState state, ReportDeployment c, DateTimeOffset now)
    {
        var status = c.RefusalReason is null ? "deployed" : $"refused: {c.RefusalReason}";
        if (!state.IsDeploymentNews(c.Version, c.Node, c.PlanRevision, status)) return new RegistryDecision([], _ => null);
        IRegistryEvent e = c.RefusalReason is null
            ? new ModelDeployed(c.Version, c.Node, c.PlanRevision, now)
            : new ModelRefused(c.Version, c.Node, c.PlanRevision, c.RefusalReason, now);
        return new RegistryDecision([e], _ => null);
    }

    /// <summary>
    /// A new online version: at a node's start-up (no serving mode asked) only when there is no champion yet, which it
    /// becomes; else in the mode asked.
    /// </summary>
    private static RegistryDecision StartOnline(RegistryState state, StartOnlineModel c, DateTimeOffset now)
    {
        if (c.Model.Online is null) return RegistryDecision.Failed("an online model needs its online description");
        if (c.Serve is null && state.Champion is { } champion)
            return new RegistryDecision([], s => new OnlineModelRegistered(champion, false, s.Plan));
        var mode = c.Serve ?? ServingModes.Full;
        if (!ServingModes.All.Contains(mode)) return RegistryDecision.Failed($"mode '{mode}' is not one of {string.Join(", ", ServingModes.All)}");
        if (mode == ServingModes.Canary && !(c.CanaryShare > 0 && c.CanaryShare < 1)) return RegistryDecision.Failed("a canary share must be above 0 and below 1");
        if (mode != ServingModes.Full && state.Champion is null) return RegistryDecision.Failed($"an online model cannot be a {mode} challenger: there is no champion");
        var version = state.NextVersion();
        return new RegistryDecision(
            [new OnlineModelStarted(version, c.Model, c.By, now), new ModelPromoted(version, mode, mode == ServingModes.Canary ? c.CanaryShare : 0, state.Champion, c.By, now)],
            s => new OnlineModelRegistered(version, true, s.Plan));
    }

    private static RegistryDecision ForOnline(RegistryState state, string version, Func<ModelEntry, RegistryDecision> decide) =>
        state.Find(version) is { Model.Online: not null } entry ? decide(entry) : RegistryDecision.Failed($"{version} is not an online model version");

    private static RegistryDecision ForRun(RegistryState state, string runId, Func<RegistryDecision> decide) =>
        state.HasRun(runId) ? decide() : RegistryDecision.Failed($"unknown training run {runId}");
}
