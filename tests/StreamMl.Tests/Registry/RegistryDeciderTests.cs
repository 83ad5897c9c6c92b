using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using Xunit;

namespace StreamMl.Tests.Registry;

/// <summary>
/// The registry's decisions without actors: each command's events and reply, and each refusal; for online models,
/// how they start and serve, their checkpoints and resets, and the prequential gate's verdict on a challenger.
/// </summary>
public sealed class RegistryDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TrainingTrigger Trigger = new("operator", null, "test", At);
    private readonly RegistryState _state = new();
    private long _sequence;

    private static ModelDescription Model(string sha) => new(sha, null, "spec", "1.0", "FastTree", new Dictionary<string, double>(), 1, 100);

    private static ModelDescription Online(string sha, long startOffset = 0) =>
        new(sha, null, "spec", "1.0", "hoeffding-tree", new Dictionary<string, double>(), 1, 0,
            Online: new OnlineDescription("hoeffding-tree", new Dictionary<string, double> { ["gracePeriod"] = 100 }, 7, 1, "labels", startOffset, 1000,
                OnlineDriftReactions.Reset));

    private static OnlineCheckpoint Checkpoint(long from, long to, long updates) => new(from, to, updates, 0, 0, $"sha-{to}", 4096, "node-a");

    private static GateDecision Gate(bool passed) => new(passed, "accuracy", 0.8, passed ? 0.85 : 0.7, [], [passed ? "better" : "worse overall"]);

    private static readonly EvaluationReport Report = new(new ModelMetrics(100, Accuracy: 0.8), new Dictionary<string, ModelMetrics>());

    /// <summary>Decides, applies the events as the actor would, and returns them with the reply.</summary>
    private (IReadOnlyList<IRegistryEvent> Events, object? Reply, string? Failure) Run(IRegistryCommand command)
    {
        var decision = RegistryDecider.Decide(_state, command, At);
        foreach (var e in decision.Events) _state.Apply(e, ++_sequence);
        return (decision.Events, decision.Failure is null ? decision.Reply(_state) : null, decision.Failure);
    }

    private string TrainV2(bool passed)
    {
        var run = Assert.IsType<TrainingRunStarted>(Run(new StartTrainingRun(Trigger, [], "full")).Reply);
        Run(new RecordSnapshot(run.RunId, new TrainingSnapshot(1, 100, 100, "aa"), 80, 20));
        Run(new RecordTrainingResult(run.RunId, Model("bb"), Report, "v1", Report, Gate(passed)));
        return run.Version;
    }

    [Fact]
    public void The_first_import_registers_the_model_and_makes_it_the_champion()
    {
        var (events, reply, _) = Run(new ImportModel("v1", Model("aa"), null));

        Assert.Equal([typeof(ModelImported), typeof(ModelPromoted)], events.Select(e => e.GetType()));
        var result = Assert.IsType<ModelImportResult>(reply);
        Assert.True(result.Accepted);
        Assert.Equal(("v1", 1L), (result.Plan.Champion!.Version, result.Plan.Revision));
    }

    [Fact]
    public void A_second_import_of_the_same_bytes_changes_nothing_and_of_other_bytes_is_refused()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var same = Run(new ImportModel("v1", Model("AA"), null));
        var other = Run(new ImportModel("v1", Model("cc"), null));

        Assert.Empty(same.Events);
        Assert.True(Assert.IsType<ModelImportResult>(same.Reply).Accepted);
        Assert.Empty(other.Events);
        var refused = Assert.IsType<ModelImportResult>(other.Reply);
        Assert.False(refused.Accepted);
        Assert.Contains("registered with SHA-256 aa", refused.Reason);
    }

    [Fact]
    public void A_run_reserves_the_next_version_records_its_steps_and_registers_its_model()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var started = Assert.IsType<TrainingRunStarted>(Run(new StartTrainingRun(Trigger, [Trigger], "full")).Reply);
        var snapshot = Run(new RecordSnapshot(started.RunId, new TrainingSnapshot(1, 100, 100, "aa"), 80, 20));
        var result = Run(new RecordTrainingResult(started.RunId, Model("bb"), Report, "v1", Report, Gate(true)));

        Assert.Equal(("run-1", "v2", "v1"), (started.RunId, started.Version, started.Champion!.Version));
        Assert.Same(RegistryAck.Instance, snapshot.Reply);
        Assert.Equal([typeof(ModelTrained), typeof(ModelEvaluated), typeof(GateDecided)], result.Events.Select(e => e.GetType()));
        Assert.Equal(new TrainingRecorded("run-1", "v2", true), result.Reply);
        Assert.Equal(ModelStatuses.Ready, _state.Find("v2")!.Status);
        Assert.Equal(["TrainingRequested", "TrainingSnapshotTaken", "ModelTrained", "ModelEvaluated", "GateDecided"], _state.Lineage("v2")!.Select(s => s.Kind));
    }

    [Fact]
    public void Reports_on_an_unknown_run_are_failures_that_journal_nothing()
    {
        var commands = new IRegistryCommand[]
        {
            new RecordSnapshot("run-9", new TrainingSnapshot(1, 1, 1, "aa"), 1, 0),
            new RecordTrainingFailure("run-9", "x"),
            new RecordTrainingResult("run-9", Model("bb"), Report, null, null, Gate(true)),
        };
        foreach (var command in commands)
        {
            var (events, _, failure) = Run(command);
            Assert.Empty(events);
            Assert.Equal("unknown training run run-9", failure);
        }
    }

    [Fact]
    public void A_failed_run_and_a_rejected_challenger_raise_their_alerts()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        var version = TrainV2(passed: false);
        var failed = Assert.IsType<TrainingRunStarted>(Run(new StartTrainingRun(Trigger, [], "full")).Reply);
        var failure = Run(new RecordTrainingFailure(failed.RunId, "too few examples"));

        var rejected = RegistryDecider.AlertFor(_state.Lineage(version)!.Single(s => s.Kind == "GateDecided").Event);
        Assert.Equal(ModelAlertKinds.Rejected, rejected!.Value.Alert.Kind);
        Assert.Equal(ModelStatuses.Rejected, _state.Find(version)!.Status);
        Assert.Same(RegistryAck.Instance, failure.Reply);
        Assert.Equal(ModelAlertKinds.TrainingFailed, RegistryDecider.AlertFor(failure.Events.Single())!.Value.Alert.Kind);
    }

    [Theory]
    [InlineData("v9", ServingModes.Full, 0.0, RegistryRefusal.NotFound)]
    [InlineData("v2", "sideways", 0.0, RegistryRefusal.BadRequest)]
    [InlineData("v2", ServingModes.Canary, 1.5, RegistryRefusal.BadRequest)]
    [InlineData("v1", ServingModes.Full, 0.0, RegistryRefusal.Conflict)]
    [InlineData("v3", ServingModes.Full, 0.0, RegistryRefusal.Conflict)]
    public void A_promotion_that_cannot_be_is_refused_and_journals_nothing(string version, string mode, double share, string refusal)
    {
        Run(new ImportModel("v1", Model("aa"), null));
        TrainV2(passed: true);
        TrainV2(passed: false); // v3, rejected by the gate

        var (events, reply, _) = Run(new PromoteModel(version, mode, share, "operator"));

        Assert.Empty(events);
        Assert.Equal(refusal, Assert.IsType<RegistryCommandResult>(reply).Refusal!.Kind);
    }

    [Fact]
    public void Promotion_as_a_canary_then_in_full_and_a_rollback_move_the_plan()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        TrainV2(passed: true);

        var canary = Assert.IsType<RegistryCommandResult>(Run(new PromoteModel("v2", ServingModes.Canary, 0.1, "operator")).Reply);
        var full = Assert.IsType<RegistryCommandResult>(Run(new PromoteModel("v2", ServingModes.Full, 0, "operator")).Reply);
        var back = Run(new RollBackModel("operator"));

        Assert.Equal((ServingModes.Canary, "v2", 0.1), (canary.Plan.Mode, canary.Plan.Challenger!.Version, canary.Plan.CanaryShare));
        Assert.Equal(("v2", (PlannedModel?)null), (full.Plan.Champion!.Version, full.Plan.Challenger));
        Assert.IsType<ModelRolledBack>(Assert.Single(back.Events));
        Assert.Equal("v1", Assert.IsType<RegistryCommandResult>(back.Reply).Plan.Champion!.Version);
        Assert.Equal(4, _state.PlanRevision);
    }

    [Fact]
    public void A_rollback_without_a_previous_champion_is_refused()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var (events, reply, _) = Run(new RollBackModel("operator"));

        Assert.Empty(events);
        Assert.Equal(RegistryRefusal.Conflict, Assert.IsType<RegistryCommandResult>(reply).Refusal!.Kind);
    }

    [Fact]
    public void A_deployment_is_journaled_once_per_node_and_plan_and_a_refusal_raises_an_alert()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var first = Run(new ReportDeployment("v1", "node-a", 1, null));
        var again = Run(new ReportDeployment("v1", "node-a", 1, null));
        var refused = Run(new ReportDeployment("v1", "node-b", 1, "hash mismatch"));

        Assert.IsType<ModelDeployed>(Assert.Single(first.Events));
        Assert.Empty(again.Events);
        Assert.Null(first.Reply);
        var alert = RegistryDecider.AlertFor(Assert.IsType<ModelRefused>(Assert.Single(refused.Events)));
        Assert.Equal(ModelAlertKinds.Refused, alert!.Value.Alert.Kind);
        Assert.Equal("refused: hash mismatch", _state.Find("v1")!.Deployments["node-b"]);
    }

    [Fact]
    public void The_state_replayed_from_its_history_is_the_same_state()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        TrainV2(passed: true);
        Run(new PromoteModel("v2", ServingModes.Shadow, 0, "operator"));
        Run(new ReportDeployment("v2", "node-a", 2, null));
        Run(new RollBackModel("operator"));

        var replayed = RegistryState.Replay(_state.History());

        Assert.Equal(_state.Plan, replayed.Plan);
        Assert.Equal(_state.Models.Select(m => (m.Version, m.Status)), replayed.Models.Select(m => (m.Version, m.Status)));
        Assert.Equal(_state.Lineage("v2")!.Select(s => s.Sequence), replayed.Lineage("v2")!.Select(s => s.Sequence));
        Assert.Equal(_state.NextVersion(), replayed.NextVersion());
    }

    [Fact]
    public void An_online_model_started_at_a_node_start_up_becomes_the_champion_when_there_is_none()
    {
        var (events, reply, _) = Run(new StartOnlineModel(Online("aa", 120), null, 0, "node-a"));

        Assert.Equal([typeof(OnlineModelStarted), typeof(ModelPromoted)], events.Select(e => e.GetType()));
        var registered = Assert.IsType<OnlineModelRegistered>(reply);
        Assert.Equal(("v1", true), (registered.Version, registered.Started));
        Assert.Equal(("v1", 120L, 1L), (registered.Plan.Champion!.Version, registered.Plan.Champion.Online!.StartOffset, registered.Plan.Revision));
        var entry = _state.Find("v1")!;
        Assert.Equal(ModelStatuses.Champion, entry.Status);
        Assert.Equal(new OnlineProgress(null, 0, 0), entry.Online);
    }

    [Fact]
    public void A_start_up_with_a_champion_already_serving_starts_nothing_and_names_the_champion()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var (events, reply, failure) = Run(new StartOnlineModel(Online("bb"), null, 0, "node-b"));

        Assert.Empty(events);
        Assert.Null(failure);
        var registered = Assert.IsType<OnlineModelRegistered>(reply);
        Assert.Equal(("v1", false, 1L), (registered.Version, registered.Started, registered.Plan.Revision));
        Assert.Single(_state.Models);
    }

    [Fact]
    public void An_online_model_asked_to_serve_as_a_shadow_or_canary_becomes_the_challenger()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var shadow = Assert.IsType<OnlineModelRegistered>(Run(new StartOnlineModel(Online("bb"), ServingModes.Shadow, 0, "operator")).Reply);
        var canary = Assert.IsType<OnlineModelRegistered>(Run(new StartOnlineModel(Online("cc"), ServingModes.Canary, 0.25, "operator")).Reply);

        Assert.Equal(("v2", "v1", "v2", ServingModes.Shadow), (shadow.Version, shadow.Plan.Champion!.Version, shadow.Plan.Challenger!.Version, shadow.Plan.Mode));
        Assert.Equal(("v3", "v3", ServingModes.Canary, 0.25), (canary.Version, canary.Plan.Challenger!.Version, canary.Plan.Mode, canary.Plan.CanaryShare));
        Assert.Equal([ModelStatuses.Champion, ModelStatuses.Ready, ModelStatuses.Challenger], _state.Models.Select(m => m.Status));
    }

    [Fact]
    public void An_online_model_asked_to_serve_in_full_replaces_the_champion()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var registered = Assert.IsType<OnlineModelRegistered>(Run(new StartOnlineModel(Online("bb"), ServingModes.Full, 0, "operator")).Reply);

        Assert.Equal(("v2", "v2"), (registered.Version, registered.Plan.Champion!.Version));
        Assert.Equal(["v1"], _state.PreviousChampions);
        Assert.Equal(ModelStatuses.Retired, _state.Find("v1")!.Status);
    }

    [Theory]
    [InlineData(false, "sideways", 0.0, "mode 'sideways' is not one of full, shadow, canary")]
    [InlineData(false, ServingModes.Canary, 0.0, "a canary share must be above 0 and below 1")]
    [InlineData(false, ServingModes.Canary, 1.0, "a canary share must be above 0 and below 1")]
    [InlineData(true, ServingModes.Shadow, 0.0, "an online model cannot be a shadow challenger: there is no champion")]
    public void A_start_that_cannot_be_fails_and_journals_nothing(bool withoutChampion, string mode, double share, string message)
    {
        if (!withoutChampion) Run(new ImportModel("v1", Model("aa"), null));

        var (events, _, failure) = Run(new StartOnlineModel(Online("bb"), mode, share, "operator"));

        Assert.Empty(events);
        Assert.Equal(message, failure);
        Assert.Equal(withoutChampion ? 0 : 1, _state.Models.Count());
    }

    [Fact]
    public void A_start_without_an_online_description_fails()
    {
        var (events, _, failure) = Run(new StartOnlineModel(Model("aa"), null, 0, "node-a"));

        Assert.Empty(events);
        Assert.Equal("an online model needs its online description", failure);
    }

    [Fact]
    public void Checkpoints_are_recorded_in_log_order_and_one_not_past_the_last_is_ignored()
    {
        Run(new StartOnlineModel(Online("aa", 100), null, 0, "node-a"));

        var first = Run(new RecordOnlineCheckpoint("v1", Checkpoint(100, 1100, 950)));
        var second = Run(new RecordOnlineCheckpoint("v1", Checkpoint(1100, 2600, 2400)));
        var again = Run(new RecordOnlineCheckpoint("v1", Checkpoint(1100, 2600, 2400)));
        var older = Run(new RecordOnlineCheckpoint("v1", Checkpoint(100, 2000, 1800)));

        Assert.IsType<OnlineCheckpointRecorded>(Assert.Single(first.Events));
        Assert.IsType<OnlineCheckpointRecorded>(Assert.Single(second.Events));
        Assert.Empty(again.Events);
        Assert.Empty(older.Events);
        Assert.All(new[] { first.Reply, second.Reply, again.Reply, older.Reply }, r => Assert.Same(RegistryAck.Instance, r));
        Assert.Equal(new OnlineProgress(Checkpoint(1100, 2600, 2400), 2, 0), _state.Find("v1")!.Online);
        var recorded = _state.Lineage("v1")!.Select(s => s.Event).OfType<OnlineCheckpointRecorded>().Select(c => (c.Checkpoint.FromOffset, c.Checkpoint.ToOffset));
        Assert.Equal([(100L, 1100L), (1100L, 2600L)], recorded);
        Assert.Equal(["OnlineModelStarted", "ModelPromoted", "OnlineCheckpointRecorded", "OnlineCheckpointRecorded"], _state.Lineage("v1")!.Select(s => s.Kind));
    }

    [Fact]
    public void A_checkpoint_or_reset_of_an_unknown_or_batch_version_fails()
    {
        Run(new ImportModel("v1", Model("aa"), null));

        var commands = new (IRegistryCommand Command, string Failure)[]
        {
            (new RecordOnlineCheckpoint("v9", Checkpoint(0, 10, 10)), "v9 is not an online model version"),
            (new RecordOnlineCheckpoint("v1", Checkpoint(0, 10, 10)), "v1 is not an online model version"),
            (new RecordOnlineReset("v9", 10, "drift"), "v9 is not an online model version"),
            (new RecordOnlineReset("v1", 10, "drift"), "v1 is not an online model version"),
        };
        foreach (var (command, message) in commands)
        {
            var (events, _, failure) = Run(command);
            Assert.Empty(events);
            Assert.Equal(message, failure);
        }
        Assert.Null(_state.Find("v1")!.Online);
    }

    [Fact]
    public void Resets_are_recorded_with_their_log_offset_and_counted()
    {
        Run(new StartOnlineModel(Online("aa"), null, 0, "node-a"));

        var first = Run(new RecordOnlineReset("v1", 4_000, "*/error/Adwin@4000"));
        Run(new RecordOnlineReset("v1", 9_000, "*/error/Adwin@9000"));

        var reset = Assert.IsType<OnlineModelReset>(Assert.Single(first.Events));
        Assert.Equal(("v1", 4_000L, "*/error/Adwin@4000"), (reset.Version, reset.LogOffset, reset.Reason));
        Assert.Same(RegistryAck.Instance, first.Reply);
        Assert.Equal(2, _state.Find("v1")!.Online!.Resets);
        Assert.Equal([4_000L, 9_000L], _state.Lineage("v1")!.Select(s => s.Event).OfType<OnlineModelReset>().Select(r => r.LogOffset));
    }

    [Fact]
    public void A_refused_challenger_is_withdrawn_rejected_and_alerted_and_judged_only_once()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        Run(new StartOnlineModel(Online("bb"), ServingModes.Shadow, 0, "operator"));
        var revision = _state.PlanRevision;

        var judged = Run(new RecordPrequentialJudgement("v2", "v1", Report, Report, Gate(false)));
        var again = Run(new RecordPrequentialJudgement("v2", "v1", Report, Report, Gate(false)));

        var verdict = Assert.IsType<ChallengerJudged>(Assert.Single(judged.Events));
        Assert.Same(RegistryAck.Instance, judged.Reply);
        Assert.Empty(again.Events);
        Assert.Null(_state.Challenger);
        Assert.Null(_state.Plan.Challenger);
        Assert.Equal(revision + 1, _state.PlanRevision);
        Assert.Equal(ModelStatuses.Rejected, _state.Find("v2")!.Status);
        Assert.Equal((false, "accuracy"), (_state.Find("v2")!.Gate!.Passed, _state.Find("v2")!.Gate!.Metric));
        Assert.True(_state.WasJudged("v2"));
        var alert = RegistryDecider.AlertFor(verdict)!.Value.Alert;
        Assert.Equal((ModelAlertKinds.Rejected, "v2"), (alert.Kind, alert.ModelVersion));
        Assert.Contains("challenger v2 rejected on prequential quality and withdrawn: worse overall", alert.Detail);
        Assert.Equal(RegistryRefusal.Conflict,
            Assert.IsType<RegistryCommandResult>(Run(new PromoteModel("v2", ServingModes.Full, 0, "operator")).Reply).Refusal!.Kind);
    }

    [Fact]
    public void A_passed_challenger_keeps_serving_with_its_figures_and_can_then_be_promoted()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        Run(new StartOnlineModel(Online("bb"), ServingModes.Canary, 0.1, "operator"));
        var better = new EvaluationReport(new ModelMetrics(2000, Accuracy: 0.9), new Dictionary<string, ModelMetrics>());
        var revision = _state.PlanRevision;

        var judged = Run(new RecordPrequentialJudgement("v2", "v1", better, Report, Gate(true)));

        Assert.IsType<ChallengerJudged>(Assert.Single(judged.Events));
        Assert.Null(RegistryDecider.AlertFor(judged.Events[0]));
        Assert.Equal(("v2", ServingModes.Canary, revision), (_state.Challenger, _state.ChallengerMode, _state.PlanRevision));
        var entry = _state.Find("v2")!;
        Assert.Equal((ModelStatuses.Challenger, 0.9), (entry.Status, entry.Metrics!.Accuracy!.Value));
        Assert.True(entry.Gate!.Passed);
        var promoted = Assert.IsType<RegistryCommandResult>(Run(new PromoteModel("v2", ServingModes.Full, 0, "prequential gate")).Reply);
        Assert.Null(promoted.Refusal);
        Assert.Equal("v2", promoted.Plan.Champion!.Version);
    }

    [Fact]
    public void A_verdict_on_a_version_that_is_not_the_challenger_is_ignored_and_on_an_unknown_one_fails()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        Run(new StartOnlineModel(Online("bb"), ServingModes.Shadow, 0, "operator"));
        Run(new StartOnlineModel(Online("cc"), ServingModes.Shadow, 0, "operator")); // v3 replaces v2 as the challenger

        var stale = Run(new RecordPrequentialJudgement("v2", "v1", Report, Report, Gate(false)));
        var unknown = Run(new RecordPrequentialJudgement("v9", "v1", Report, Report, Gate(false)));

        Assert.Empty(stale.Events);
        Assert.Same(RegistryAck.Instance, stale.Reply);
        Assert.False(_state.WasJudged("v2"));
        Assert.Equal(ModelStatuses.Ready, _state.Find("v2")!.Status);
        Assert.Equal("v3", _state.Challenger);
        Assert.Empty(unknown.Events);
        Assert.Equal("there is no model version 'v9'", unknown.Failure);
    }

    [Fact]
    public void An_online_lineage_replayed_from_its_history_is_the_same()
    {
        Run(new ImportModel("v1", Model("aa"), null));
        Run(new StartOnlineModel(Online("bb", 50), ServingModes.Shadow, 0, "operator"));
        Run(new RecordOnlineCheckpoint("v2", Checkpoint(50, 500, 440)));
        Run(new RecordOnlineReset("v2", 700, "drift"));
        Run(new RecordOnlineCheckpoint("v2", Checkpoint(500, 900, 830)));
        Run(new RecordPrequentialJudgement("v2", "v1", Report, Report, Gate(false)));

        var replayed = RegistryState.Replay(_state.History());

        Assert.Equal(_state.Plan, replayed.Plan);
        Assert.Equal(new OnlineProgress(Checkpoint(500, 900, 830), 2, 1), replayed.Find("v2")!.Online);
        Assert.Equal(_state.Models.Select(m => (m.Version, m.Status)), replayed.Models.Select(m => (m.Version, m.Status)));
        Assert.True(replayed.WasJudged("v2"));
        Assert.Equal("v3", replayed.NextVersion());
    }
}
