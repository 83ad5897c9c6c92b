using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Alerts;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using StreamMl.Storage;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Spec;
using StreamMl.Core.Training;
using StreamMl.Tests.Modeling;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Lifecycle;

/// <summary>
/// A challenger the gate refuses, through the real registry (event-sourced, in-memory journal), the real trainer and
/// real SQLite example and artifact stores: the refusal, with its reasons, is in the model's lineage after the run's
/// trigger, snapshot, training and evaluation, and raises a model-rejected alert.
/// </summary>
public sealed class GateLineageTests : TestKit
{
    private static readonly Config ClusterConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.log-dead-letters = off
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    /// <summary>Training and judging a FastTree model on a loaded two-core machine: generous, never a speed check.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("streamml-gate-").FullName;
    private readonly SqlStores _stores;

    public GateLineageTests(ITestOutputHelper output) : base(ClusterConfig, "gate-lineage", output)
    {
        _output = output;
        _stores = SqlStores.Create("sqlite", $"Data Source={Path.Combine(_directory, "stores.db")}");
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_challenger_trained_on_shuffled_labels_is_rejected_and_the_whole_run_is_in_its_lineage()
    {
        // Examples: elec rows 3,000-7,999. The oldest 80% (trained on) with their labels shuffled, the newest 20%
        // (held out) true, so the challenger has learnt nothing the hold-out rewards.
        var spec = ElecData.Spec;
        var rows = ElecData.Range(3_000, 5_000);
        var holdout = HoldoutSplit.HoldoutCount(rows.Length, spec.Spec.Retraining.HoldoutFraction);
        Assert.Equal(1_000, holdout);
        var training = rows.Length - holdout;
        await _stores.Examples.AppendAsync(Shuffled(rows[..training], seed: 7).Concat(rows[training..]).AsExamples(), CancellationToken.None);

        var registry = Sys.ActorOf(ModelRegistryActor.Props(), "registry");
        await ImportChampion(registry, TestModels.ElecV1);
        var trainer = Sys.ActorOf(TrainerActor.Props(spec, _stores.Examples, _stores.Artifacts, registry), TrainerActor.Name);
        var alerts = CreateTestProbe();
        Sys.EventStream.Subscribe(alerts.Ref, typeof(AlertRaised));

        var started = await registry.Ask<TrainingRunStarted>(new StartTrainingRun(
            new TrainingTrigger("operator", null, "gate lineage test", DateTimeOffset.UtcNow), [], RetrainingModes.Full), AskTimeout);
        Assert.Equal("v2", started.Version);
        Assert.Equal("v1", started.Champion?.Version);
        var finished = await Train(trainer, new TrainModel(started.RunId, started.Version, started.Champion, RetrainingModes.Full));

        Assert.Null(finished.Failure);
        Assert.Equal("v2", finished.Version);
        Assert.False(finished.Passed);

        // The registry holds v2 as rejected, with the gate's reasons; v1 still serves and v2 cannot be promoted.
        var model = (await registry.Ask<ModelReply>(new GetModel("v2"), AskTimeout)).Model!;
        foreach (var reason in model.Gate!.Reasons) _output.WriteLine(reason);
        Assert.Equal(ModelStatuses.Rejected, model.Status);
        Assert.False(model.Gate.Passed);
        Assert.Equal("accuracy", model.Gate.Metric);
        Assert.StartsWith("overall accuracy ", model.Gate.Reasons[0]);
        Assert.Contains("below the champion's", model.Gate.Reasons[0]);
        Assert.True(model.Gate.ChampionValue - model.Gate.ChallengerValue > 0.05, $"{model.Gate.ChallengerValue} vs {model.Gate.ChampionValue}");
        Assert.Equal("v1", (await registry.Ask<ServingPlan>(GetServingPlan.Instance, AskTimeout)).Champion?.Version);
        var promotion = await registry.Ask<RegistryCommandResult>(new PromoteModel("v2", ServingModes.Full, 0, "test"), AskTimeout);
        Assert.Equal(RegistryRefusal.Conflict, promotion.Refusal?.Kind);

        // The lineage: trigger, snapshot, training, evaluation and verdict of one run, in journal order.
        var steps = (await registry.Ask<LineageReply>(new GetLineage("v2"), AskTimeout)).Steps!;
        Assert.Equal(["TrainingRequested", "TrainingSnapshotTaken", "ModelTrained", "ModelEvaluated", "GateDecided"], steps.Select(s => s.Kind));
        Assert.All(steps, s => Assert.Equal(started.RunId, s.Event.GetProperty("runId").GetString()));
        Assert.Equal(steps.Select(s => s.Sequence).Order(), steps.Select(s => s.Sequence));
        Assert.Equal("operator", steps[0].Event.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Equal("v1", steps[0].Event.GetProperty("champion").GetString());

        // The snapshot recorded names exactly the examples the store holds in its range.
        var taken = steps[1].Event;
        var snapshot = taken.GetProperty("snapshot").Deserialize<TrainingSnapshot>(ProtocolSerializer.Options)!;
        var reread = TrainingSnapshot.Of(await _stores.Examples.ReadAsync(snapshot.FromSequence, snapshot.ToSequence, CancellationToken.None));
        Assert.Equal(reread, snapshot);
        Assert.Equal((1L, 5_000L, 5_000), (snapshot.FromSequence, snapshot.ToSequence, snapshot.Count));
        Assert.Equal(training, taken.GetProperty("trainingExamples").GetInt32());
        Assert.Equal(holdout, taken.GetProperty("holdoutExamples").GetInt32());

        var evaluated = steps[3].Event;
        Assert.Equal("v1", evaluated.GetProperty("champion").GetString());
        Assert.Equal(holdout, evaluated.GetProperty("challenger").GetProperty("overall").GetProperty("exampleCount").GetInt32());
        var decided = steps[4].Event.GetProperty("decision");
        Assert.False(decided.GetProperty("passed").GetBoolean());
        Assert.Equal(model.Gate.Reasons, decided.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        // The refusal is an alert on the event stream, for the alert publisher.
        var alert = await alerts.ExpectMsgAsync<AlertRaised>(AskTimeout);
        Assert.Equal(ModelAlertKinds.Rejected, alert.Alert.Kind);
        Assert.Equal("v2", alert.Alert.ModelVersion);
        Assert.Equal("accuracy", alert.Alert.Test);
        Assert.Contains(model.Gate.Reasons[0], alert.Alert.Detail);
        await alerts.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_challenger_worse_in_one_slice_only_is_rejected_by_the_slice_check_naming_that_slice_alone()
    {
        // elec2 with the day parts as its only slices and an overall tolerance of 0.25 (see the spec file).
        var spec = new CompiledSpec(SpecLoader.Load(Path.Combine(RepoPaths.Root, "tests", "StreamMl.Tests", "Lifecycle", "elec2-slice-gate.json")));
        Assert.Equal(0.25, spec.Spec.Gate.Tolerance);
        var rows = CsvExamples.Read(ElecData.DatasetPath, spec).Skip(3_000).Take(5_000).ToArray();
        var training = rows.Length - HoldoutSplit.HoldoutCount(rows.Length, spec.Spec.Retraining.HoldoutFraction);
        // The champion learnt the true labels of the training rows; the challenger will learn them with every night
        // label flipped, so it answers nights the wrong way round and the other day parts as the champion does.
        var championPath = Path.Combine(_directory, "champion", "v1.zip");
        TrainCommand.Save(spec, rows[..training], ModelTrainer.Train(spec, rows[..training]), championPath, "v1");
        var flipped = rows[..training].Select(e => e.Slices.Contains("dayPart=night") ? e with { Label = 1 - e.Label } : e);
        await _stores.Examples.AppendAsync(flipped.Concat(rows[training..]).AsExamples(), CancellationToken.None);

        var registry = Sys.ActorOf(ModelRegistryActor.Props(), "registry");
        await ImportChampion(registry, championPath);
        Sys.ActorOf(TrainerActor.Props(spec, _stores.Examples, _stores.Artifacts, registry), TrainerActor.Name);
        var alerts = CreateTestProbe();
        Sys.EventStream.Subscribe(alerts.Ref, typeof(AlertRaised));
        var coordinator = Sys.ActorOf(RetrainingCoordinator.Props(spec, _stores.Examples, registry), "coordinator");

        // An operator asks; the coordinator opens the run in the registry and hands it to the trainer.
        await coordinator.Ask<RetrainingStatus>(new RequestRetraining("operator@test", "one bad slice"), AskTimeout);
        var alert = await alerts.ExpectMsgAsync<AlertRaised>(RunTimeout);
        var status = await AwaitStatus(coordinator, s => s.RunsFinished == 1 && s.State == "idle");

        Assert.Equal(1, status.RunsStarted);
        Assert.Equal(ModelAlertKinds.Rejected, alert.Alert.Kind);
        Assert.Equal("v2", alert.Alert.ModelVersion);
        var model = (await registry.Ask<ModelReply>(new GetModel("v2"), AskTimeout)).Model!;
        var gate = model.Gate!;
        foreach (var s in gate.Slices) _output.WriteLine($"{s.Slice}: {s.ChampionValue:F4} -> {s.ChallengerValue:F4} (n={s.ChallengerExamples}, shortfall {s.Shortfall:F4})");
        _output.WriteLine($"overall: {gate.ChampionValue:F4} -> {gate.ChallengerValue:F4}");
        Assert.Equal(ModelStatuses.Rejected, model.Status);
        Assert.False(gate.Passed);
        // Overall within the raised tolerance: the one reason is the night slice's, and no other slice is named.
        Assert.True(gate.ChampionValue - gate.ChallengerValue <= spec.Spec.Gate.Tolerance, $"{gate.ChallengerValue} vs {gate.ChampionValue}");
        var reason = Assert.Single(gate.Reasons);
        Assert.StartsWith("slice dayPart=night: accuracy ", reason);
        Assert.Contains("(tolerance 0.020)", reason);
        foreach (var other in new[] { "morning", "afternoon", "evening" }) Assert.DoesNotContain($"dayPart={other}", reason);
        Assert.Equal(["dayPart=afternoon", "dayPart=evening", "dayPart=morning", "dayPart=night"], gate.Slices.Select(s => s.Slice));
        Assert.All(gate.Slices, s => Assert.True(s.Judged, s.Slice));
        Assert.All(gate.Slices, s => Assert.Equal(s.Slice != "dayPart=night", s.Passed));
        Assert.Contains(reason, alert.Alert.Detail);

        // The run went through the registry's lineage like any other; its trigger is the operator's request.
        var steps = (await registry.Ask<LineageReply>(new GetLineage("v2"), AskTimeout)).Steps!;
        Assert.Equal(["TrainingRequested", "TrainingSnapshotTaken", "ModelTrained", "ModelEvaluated", "GateDecided"], steps.Select(s => s.Kind));
        Assert.Equal("operator", steps[0].Event.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Contains("operator@test", steps[0].Event.GetProperty("trigger").GetProperty("detail").GetString());
        var snapshot = steps[1].Event.GetProperty("snapshot").Deserialize<TrainingSnapshot>(ProtocolSerializer.Options)!;
        Assert.Equal(TrainingSnapshot.Of(await _stores.Examples.ReadAsync(snapshot.FromSequence, snapshot.ToSequence, CancellationToken.None)), snapshot);
        // Rejected, so not promoted automatically: v1 still serves.
        Assert.Equal("v1", (await registry.Ask<ServingPlan>(GetServingPlan.Instance, AskTimeout)).Champion?.Version);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task An_incremental_run_warm_starts_the_champions_logistic_regression_and_records_it_in_the_lineage()
    {
        // The elec spec with an L-BFGS logistic regression retrained incrementally; v1 learnt rows 0-2,999.
        var specPath = TestSpecs.With(RepoPaths.Spec("elec2.json"), "incremental", json =>
        {
            json["model"] = new System.Text.Json.Nodes.JsonObject { ["trainer"] = "LbfgsLogisticRegression", ["seed"] = 1 };
            json["retraining"]!["mode"] = RetrainingModes.Incremental;
        });
        var spec = new CompiledSpec(SpecLoader.Load(specPath));
        var v1 = Path.Combine(_directory, "lr-v1.zip");
        var first = ElecData.Range(0, 3_000);
        TrainCommand.Save(spec, first, ModelTrainer.Train(spec, first), v1, "v1");
        await _stores.Examples.AppendAsync(ElecData.Range(3_000, 5_000).AsExamples(), CancellationToken.None);

        var registry = Sys.ActorOf(ModelRegistryActor.Props(), "registry");
        await ImportChampion(registry, v1);
        var trainer = Sys.ActorOf(TrainerActor.Props(spec, _stores.Examples, _stores.Artifacts, registry), TrainerActor.Name);
        var started = await registry.Ask<TrainingRunStarted>(new StartTrainingRun(
            new TrainingTrigger("operator", null, "incremental test", DateTimeOffset.UtcNow), [], RetrainingModes.Incremental), AskTimeout);
        var finished = await Train(trainer, new TrainModel(started.RunId, started.Version, started.Champion, RetrainingModes.Incremental));

        Assert.Null(finished.Failure);
        var model = (await registry.Ask<ModelReply>(new GetModel("v2"), AskTimeout)).Model!;
        _output.WriteLine($"v2 {model.Status}: {string.Join("; ", model.Gate!.Reasons)}");
        Assert.Equal(IncrementalTrainer.TrainerName, model.Model.Trainer);
        Assert.Equal("v1", model.Model.WarmStartedFrom);
        Assert.Equal(4_000, model.Model.ExampleCount);
        var steps = (await registry.Ask<LineageReply>(new GetLineage("v2"), AskTimeout)).Steps!;
        Assert.Equal("incremental", steps[0].Event.GetProperty("mode").GetString());
        Assert.Equal("v1", steps.Single(s => s.Kind == "ModelTrained").Event.GetProperty("model").GetProperty("warmStartedFrom").GetString());
        // The warm-started artifact is a model of its own that loads and scores like any other.
        var bytes = (await _stores.Artifacts.GetAsync(model.Model.ArtifactSha256, CancellationToken.None))!;
        var loaded = ModelArtifact.Load(bytes, model.Model.ArtifactSha256, spec);
        Assert.Equal(10, new ModelScorer(loaded.Model).Score(ElecData.Range(8_000, 10)).Length);
    }

    [Fact]
    public async Task A_run_asked_for_before_any_trainer_is_known_reaches_the_trainer_that_comes_later()
    {
        var spec = ElecData.Spec;
        await _stores.Examples.AppendAsync(ElecData.Range(3_000, 3_000).AsExamples(), CancellationToken.None);
        var registry = Sys.ActorOf(ModelRegistryActor.Props(), "registry");
        await ImportChampion(registry, TestModels.ElecV1);
        var coordinator = Sys.ActorOf(RetrainingCoordinator.Props(spec, _stores.Examples, registry), "coordinator");

        await coordinator.Ask<RetrainingStatus>(new RequestRetraining("operator@test", "no trainer yet"), AskTimeout);
        // The coordinator's first requests find no trainer; it keeps asking until one accepts.
        await AwaitStatus(coordinator, s => s.State == "training");
        await Task.Delay(TimeSpan.FromSeconds(4));
        Sys.ActorOf(TrainerActor.Props(spec, _stores.Examples, _stores.Artifacts, registry), TrainerActor.Name);

        var status = await AwaitStatus(coordinator, s => s.RunsFinished == 1 && s.State == "idle");
        Assert.Equal(1, status.RunsStarted);
        var steps = (await registry.Ask<LineageReply>(new GetLineage("v2"), AskTimeout)).Steps!;
        Assert.Equal(["TrainingRequested", "TrainingSnapshotTaken", "ModelTrained", "ModelEvaluated", "GateDecided"], steps.Select(s => s.Kind).Take(5));
    }

    /// <summary>Hands a run to the trainer as the coordinator does: it accepts at once, then reports the run's end.</summary>
    private async Task<TrainingRunFinished> Train(IActorRef trainer, TrainModel command)
    {
        var coordinator = CreateTestProbe();
        trainer.Tell(command, coordinator.Ref);
        Assert.Equal(command.RunId, (await coordinator.ExpectMsgAsync<TrainingRunAccepted>(AskTimeout)).RunId);
        return await coordinator.ExpectMsgAsync<TrainingRunFinished>(RunTimeout);
    }

    private async Task<RetrainingStatus> AwaitStatus(IActorRef coordinator, Func<RetrainingStatus, bool> done) =>
        await Eventually.Get(() => coordinator.Ask<RetrainingStatus>(GetRetrainingStatus.Instance, AskTimeout), done, RunTimeout, "the retraining coordinator");

    /// <summary>Stores a model artifact and registers it in the registry as v1, which becomes the champion.</summary>
    private async Task ImportChampion(IActorRef registry, string path)
    {
        var manifest = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path + ModelArtifact.ManifestSuffix), ModelJsonContext.Default.ModelManifest)!;
        var sha = await _stores.Artifacts.PutAsync(await File.ReadAllBytesAsync(path), CancellationToken.None);
        Assert.Equal(manifest.Sha256, sha, ignoreCase: true);
        var description = ModelImportService.Describe(manifest, sha, profileSha256: null);
        var imported = await registry.Ask<ModelImportResult>(new ImportModel("v1", description, manifest.Metrics), AskTimeout);
        Assert.True(imported.Accepted, imported.Reason);
        Assert.Equal("v1", imported.Plan.Champion?.Version);
    }

    /// <summary>The events with their labels permuted: the features no longer say anything about the label.</summary>
    private static ValidEvent[] Shuffled(IReadOnlyList<ValidEvent> events, int seed)
    {
        var labels = events.Select(e => e.Label).ToArray();
        new Random(seed).Shuffle(labels);
        return events.Select((e, i) => e with { Label = labels[i] }).ToArray();
    }
}
