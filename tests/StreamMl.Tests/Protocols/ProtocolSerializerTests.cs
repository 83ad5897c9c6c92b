using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Protocol;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Core.Contracts;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Training;
using Xunit;

namespace StreamMl.Tests.Protocols;

/// <summary>
/// Every message of every protocol (registry, retraining, serving, labels) survives its serializer byte for byte,
/// every type of a protocol has a sample here, and an unknown manifest or a foreign type is refused.
/// </summary>
public sealed class ProtocolSerializerTests : TestKit
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    private static readonly ModelDescription Description = new("ab12", "cd34", "spec", "1.0", "FastTree",
        new Dictionary<string, double> { ["numberOfTrees"] = 50 }, 1, 3000, null);
    private static readonly ModelMetrics Metrics = new(1000, Accuracy: 0.8, Auc: 0.85, F1: 0.7, LogLoss: double.PositiveInfinity);
    private static readonly ImportanceReport Importance = new("accuracy", 2, 1,
        new FeatureImportances(1000, 0.875, [new FeatureImportance("nswprice", 0.125, 0.01, [0.118, 0.132]), new FeatureImportance("period", 0, 0, [0, 0])]),
        new Dictionary<string, FeatureImportances> { ["dayPart=night"] = new(250, 0.9, [new FeatureImportance("nswprice", 0.1, 0.02, [0.086, 0.114])]) });
    private static readonly EvaluationReport Report = new(Metrics, new Dictionary<string, ModelMetrics> { ["dayPart=night"] = Metrics with { ExampleCount = 200 } });
    private static readonly GateDecision Decision = new(false, "accuracy", 0.82, double.NaN,
        [new SliceComparison("dayPart=night", 200, 200, 0.8, null, false, null, true)], ["worse overall"]);
    private static readonly PlannedModel Planned = new("v1", "ab12", null);
    private static readonly ServingPlan Plan = new(3, Planned, new PlannedModel("v2", "ef56", "0011"), ServingModes.Canary, 0.1);
    private static readonly TrainingTrigger Trigger = new("drift", "*/error/Adwin@4000", "drift alarm", At);
    private static readonly OnlineDescription OnlineLearner = new("leveraging-bagging", new Dictionary<string, double> { ["models"] = 5, ["lambda"] = 6 },
        7, 2, "streamml.labels", 12_345, 100_000, "background");
    private static readonly ModelDescription OnlineModel = new("9f00", null, "spec", "1.0", "leveraging-bagging",
        new Dictionary<string, double> { ["models"] = 5 }, 7, 0, null, OnlineLearner);
    private static readonly OnlineCheckpoint Checkpoint = new(12_345, 22_345, 9_876, 12, 1, "0a1b", 65_536, "127.0.0.1:4053");
    private static readonly ServingPlan OnlinePlan = new(4, Planned, new PlannedModel("v3", "9f00", null, OnlineLearner), ServingModes.Shadow, 0);

    private static IEnumerable<object> RegistryMessages()
    {
        IRegistryEvent[] events =
        [
            new ModelImported("v1", Description, Metrics, At),
            new TrainingRequested("run-1", "v2", Trigger, [Trigger], "v1", "full", At),
            new TrainingSnapshotTaken("run-1", new TrainingSnapshot(1, 5000, 5000, "ff00"), 4000, 1000, At),
            new ModelTrained("run-1", "v2", Description, At),
            new ModelEvaluated("run-1", "v2", Report, "v1", Report, At, Importance),
            new GateDecided("run-1", "v2", Decision, At),
            new TrainingFailed("run-2", "too few examples", At),
            new ModelPromoted("v2", ServingModes.Canary, 0.1, "v1", "operator@127.0.0.1", At),
            new ModelRolledBack("v2", "v1", "operator@127.0.0.1", At),
            new ModelDeployed("v1", "127.0.0.1:4053", 3, At),
            new ModelRefused("v2", "127.0.0.1:4054", 3, "hash mismatch", At),
            new OnlineModelStarted("v3", OnlineModel, "operator@127.0.0.1", At),
            new OnlineCheckpointRecorded("v3", Checkpoint, At),
            new OnlineModelReset("v3", 30_000, "*/error/Adwin@4000", At),
            new ChallengerJudged("v3", "v1", Report, Report, Decision, At),
        ];
        return
        [
            .. events,
            new ImportModel("v1", Description, Metrics),
            new StartTrainingRun(Trigger, [Trigger], "incremental"),
            new RecordSnapshot("run-1", new TrainingSnapshot(1, 5000, 5000, "ff00"), 4000, 1000),
            new RecordTrainingResult("run-1", Description, Report, "v1", null, Decision),
            new RecordTrainingFailure("run-2", "too few examples"),
            new PromoteModel("v2", ServingModes.Shadow, 0, "operator"),
            new RollBackModel("operator"),
            new ReportDeployment("v2", "127.0.0.1:4053", 3, null),
            new StartOnlineModel(OnlineModel, ServingModes.Canary, 0.2, "operator"),
            new StartOnlineModel(OnlineModel, null, 0, "127.0.0.1:4053"),
            new RecordOnlineCheckpoint("v3", Checkpoint),
            new RecordOnlineReset("v3", 30_000, "*/error/Adwin@4000"),
            new RecordPrequentialJudgement("v3", "v1", Report, Report, Decision),
            new OnlineModelRegistered("v3", true, OnlinePlan),
            new ModelImportResult(true, null, Plan),
            new TrainingRunStarted("run-1", "v2", Planned),
            new TrainingRecorded("run-1", "v2", true),
            RegistryAck.Instance,
            new RegistryCommandResult(new RegistryRefusal(RegistryRefusal.Conflict, "already the champion"), Plan),
            GetModels.Instance,
            new ModelsReply([new ModelEntry("v1", null, Description, Metrics, Report, Decision, ModelStatuses.Champion, At,
                new Dictionary<string, string> { ["127.0.0.1:4053"] = "deployed" }),
                new ModelEntry("v3", null, OnlineModel, null, null, null, ModelStatuses.Challenger, At, new Dictionary<string, string>(),
                    new OnlineProgress(Checkpoint, 3, 1))], "v1", "v3", ServingModes.Shadow, 0, 4),
            new GetModel("v1"),
            new ModelReply(null),
            new GetLineage("v1"),
            new LineageReply("v1", [new LineageEntry(1, "ModelImported", JsonSerializer.SerializeToElement(new { version = "v1" }))]),
            GetServingPlan.Instance,
            Plan,
            RegistryUnavailable.Instance,
            new RegistrySnapshot(events.Select((e, i) => RegistryProtocolSerializer.ToSnapshot(i + 1, e)).ToList()),
        ];
    }

    private static IEnumerable<object> RetrainingMessages() =>
    [
        new DriftAlarmObserved("*/error/ADWIN@4000", "*", null, "ADWIN", At),
        new RequestRetraining("operator@127.0.0.1", "new data"),
        GetRetrainingStatus.Instance,
        new RetrainingStatus("training", "run-1", At, 2, 1),
        new TrainModel("run-1", "v2", Planned, "full"),
        new TrainingRunAccepted("run-1"),
        new TrainingRunFinished("run-1", "v2", false, null),
    ];

    private static IEnumerable<object> ServingMessages() => [new ServingPlanChanged(Plan)];

    private static IEnumerable<object> LabelMessages()
    {
        var e = new ValidEvent("e-1", At, [0.5, double.NaN], ["red", null], ["morning"], null, ["*", "dayPart=morning"]);
        return
        [
            new PredictionsIssued("labels-3", [new PendingPrediction(e, [new ScoredBy("v1", 0.8, true, false)])]),
            new LabelsArrived("labels-3", [new ArrivedLabel("e-1", 1)]),
            new LabelsAccepted("labels-3", 1),
            new GetLabelJoinCounters("labels-3"),
            new LabelJoinCountersReply("labels-3", new LabelJoinCounters(1, 2, 3, 4, 5, 6), 7, 8, 9_000),
        ];
    }

    public static TheoryData<string> Protocols => new() { "registry", "retraining", "serving", "labels" };

    private (ProtocolSerializer Serializer, IReadOnlyList<object> Samples) Protocol(string name)
    {
        var system = (ExtendedActorSystem)Sys;
        return name switch
        {
            "registry" => (new RegistryProtocolSerializer(system), RegistryMessages().ToList()),
            "retraining" => (new RetrainingProtocolSerializer(system), RetrainingMessages().ToList()),
            "serving" => (new ServingProtocolSerializer(system), ServingMessages().ToList()),
            "labels" => (new LabelProtocolSerializer(system), LabelMessages().ToList()),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_message_of_the_protocol_round_trips_byte_for_byte(string protocol)
    {
        var (serializer, samples) = Protocol(protocol);

        Assert.Equal(serializer.Types.OrderBy(t => t.Name), samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        foreach (var message in samples)
        {
            var manifest = serializer.Manifest(message);
            var bytes = serializer.ToBinary(message);
            var copy = serializer.FromBinary(bytes, manifest);
            Assert.Equal(message.GetType(), copy.GetType());
            Assert.True(manifest.Length <= 2, $"{message.GetType().Name}'s manifest '{manifest}' is long");
            Assert.Equal(bytes, serializer.ToBinary(copy));
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void An_unknown_manifest_and_a_foreign_type_are_refused(string protocol)
    {
        var (serializer, _) = Protocol(protocol);

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "ZZ"));
        Assert.Throws<ArgumentException>(() => serializer.Manifest(new object()));
        Assert.Equal(protocol switch { "registry" => 4103, "retraining" => 4104, "serving" => 4105, _ => 4106 }, serializer.Identifier);
    }

    [Fact]
    public void Registry_events_journaled_under_their_type_names_still_read()
    {
        var serializer = new RegistryProtocolSerializer((ExtendedActorSystem)Sys);
        var promoted = new ModelPromoted("v2", ServingModes.Full, 0, "v1", "gate", At);

        var read = serializer.FromBinary(serializer.ToBinary(promoted), nameof(ModelPromoted));

        Assert.Equal(promoted, read);
        Assert.Equal("EP", serializer.Manifest(promoted));
    }

    [Fact]
    public void A_registry_snapshot_restores_every_event_in_order()
    {
        var events = RegistryMessages().OfType<IRegistryEvent>().ToList();
        var snapshot = new RegistrySnapshot(events.Select((e, i) => RegistryProtocolSerializer.ToSnapshot(i + 1, e)).ToList());

        var restored = snapshot.Events.Select(RegistryProtocolSerializer.FromSnapshot).ToList();

        Assert.Equal(events.Select(e => JsonSerializer.Serialize(e, e.GetType(), ProtocolSerializer.Options)),
            restored.Select(e => JsonSerializer.Serialize(e, e.GetType(), ProtocolSerializer.Options)));
    }

    [Fact]
    public void Online_registry_messages_keep_the_learner_the_log_position_and_the_checkpoint()
    {
        var serializer = new RegistryProtocolSerializer((ExtendedActorSystem)Sys);
        T RoundTrip<T>(T message) where T : notnull => (T)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        var started = RoundTrip(new OnlineModelStarted("v3", OnlineModel, "operator", At));
        var recorded = RoundTrip(new RecordOnlineCheckpoint("v3", Checkpoint));
        var reset = RoundTrip(new OnlineModelReset("v3", 30_000, "drift", At));
        var start = RoundTrip(new StartOnlineModel(OnlineModel, null, 0, "node"));
        var registered = RoundTrip(new OnlineModelRegistered("v3", false, OnlinePlan));
        var judgement = RoundTrip(new RecordPrequentialJudgement("v3", "v1", Report, Report, Decision));

        var online = started.Model.Online!;
        Assert.Equal(("leveraging-bagging", 7L, 2, "streamml.labels", 12_345L, 100_000, "background"),
            (online.Learner, online.Seed, online.LabelHistory, online.LogTopic, online.StartOffset, online.DuplicateWindow, online.OnDrift));
        Assert.Equal([("lambda", 6.0), ("models", 5.0)], online.HyperParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(Checkpoint, recorded.Checkpoint);
        Assert.Equal(("v3", 30_000L, "drift", At), (reset.Version, reset.LogOffset, reset.Reason, reset.At));
        Assert.Null(start.Serve);
        Assert.Equal(12_345L, start.Model.Online!.StartOffset);
        Assert.Equal(("v3", false, 12_345L), (registered.Version, registered.Started, registered.Plan.Challenger!.Online!.StartOffset));
        Assert.Equal(("v3", "v1", false, 0.82), (judgement.Version, judgement.Champion, judgement.Decision.Passed, judgement.Decision.ChampionValue));
        Assert.True(double.IsNaN(judgement.Decision.ChallengerValue));
        Assert.Equal(0.8, judgement.Challenger.Slices["dayPart=night"].Accuracy);
    }
}
