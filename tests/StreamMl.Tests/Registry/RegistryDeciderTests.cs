using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Training;
using Xunit;

namespace StreamMl.Tests.Registry;

/// <summary>The registry's decisions without actors: each command's events and reply, and each refusal.</summary>
public sealed class RegistryDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TrainingTrigger Trigger = new("operator", null, "test", At);
    private readonly RegistryState _state = new();
    private long _sequence;

    private static ModelDescription Model(string sha) => new(sha, null, "spec", "1.0", "FastTree", new Dictionary<string, double>(), 1, 100);

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
}
