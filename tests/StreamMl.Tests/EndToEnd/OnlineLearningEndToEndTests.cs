using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Learning;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Spec;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Learning;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.EndToEnd;

/// <summary>
/// An online model through a real node: labels inline on events and late on the labels topic reach the learner once
/// each through the label log; predictions name the version and its update count; checkpoints land in the registry
/// with their log range and hash, and a replica fed the same log from the start, in this test, ends with the same
/// hash; after a restart the lineage is still there and the node resumes from its checkpoint.
/// </summary>
public sealed class OnlineLearningEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-online-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();
    private PostgresDatabase? _postgres;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Every_label_is_learnt_once_checkpoints_replay_to_their_hash_and_the_lineage_survives_a_restart(string provider)
    {
        var spec = TestSpecs.OnlineElec();
        var settings = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers, ["Admin:Token"] = ModelVersions.AdminToken };
        if (provider == "postgresql")
        {
            _postgres = new PostgresDatabase();
            settings["Persistence:Provider"] = "postgresql";
            settings["Persistence:ConnectionString"] = _postgres.ConnectionString;
        }
        var inline = ElecEvents.Read(skip: 0, take: 3000, withLabels: true);
        var late = ElecEvents.Read(skip: 3000, take: 1000);
        var lateTruth = ElecEvents.Read(skip: 3000, take: 1000, withLabels: true);

        var node = await TestNode.Start(_dataDirectory, settings, spec: spec, model: TestModels.None);
        JsonElement before;
        try
        {
            await Eventually.Get(async () => (await node.GetJson("/models")).GetProperty("champion").GetString(), v => v == "v1", Patience, "the online v1 as champion");
            KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", inline.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
            // The unlabelled events come once the inline labels are learnt, so that their answers come from a model that
            // has learnt them all; how far it had got when the inline events were answered depends on how busy the machine is.
            await Eventually.Get(() => Learning(node), l => l.GetProperty("updates").GetInt64() >= inline.Count, Patience, "every inline label learnt");
            KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", late.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
            await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= inline.Count + late.Count, Patience, "every event answered");
            KafkaTopics.Produce(_broker.BootstrapServers, "streamml.labels", lateTruth.Select(e => ((string?)e.Id, LabelJson(e))));
            var labels = inline.Count + late.Count;

            var learning = await Eventually.Get(() => Learning(node), l => l.GetProperty("updates").GetInt64() >= labels, Patience, "every label learnt");
            output.WriteLine(learning.GetRawText());
            Assert.Equal(labels, learning.GetProperty("updates").GetInt64());
            Assert.Equal(0, learning.GetProperty("duplicates").GetInt64());
            Assert.Equal(0, learning.GetProperty("unreadable").GetInt64());

            // Every prediction names v1 and how many labels it had learnt; the update counts grow with the stream.
            var answers = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", labels, Patience)
                .Select(p => JsonSerializer.Deserialize<JsonElement>(p.Message.Value!)).ToList();
            Assert.Equal(labels, answers.Count);
            Assert.All(answers, a => Assert.Equal("v1", a.GetProperty("modelVersion").GetString()));
            var updates = answers.Select(a => a.GetProperty("modelUpdates").GetInt64()).ToList();
            Assert.All(updates, u => Assert.InRange(u, 0, labels));
            // The first answers came before any label was learnt, the unlabelled events' after every inline one was.
            Assert.Equal(0, updates.Min());
            var lateIds = late.Select(e => e.Id).ToHashSet();
            Assert.All(answers.Where(a => lateIds.Contains(a.GetProperty("id").GetString()!)), a => Assert.Equal(inline.Count, a.GetProperty("modelUpdates").GetInt64()));
            Assert.All(answers, a => Assert.True(a.GetProperty("labelsBehind").GetInt64() >= 0));

            // The checkpoint at the end of the log: an independent replay of the log from the version's start gives its hash.
            var model = await Eventually.Get(() => node.GetJson("/models/v1"), m => Checkpoint(m) is { } c && c.GetProperty("updates").GetInt64() == labels,
                Patience, "a checkpoint of every label");
            var checkpoint = Checkpoint(model)!.Value;
            // Each checkpoint carries the previous state's permutation importance on the records it learnt since, per slice too.
            var importance = model.GetProperty("importance");
            Assert.Equal("accuracy", importance.GetProperty("metric").GetString());
            var overall = importance.GetProperty("overall");
            Assert.InRange(overall.GetProperty("exampleCount").GetInt32(), 1, 2000);
            Assert.Equal(["nswdemand", "nswprice", "period", "transfer", "vicdemand", "vicprice"],
                overall.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("feature").GetString()!).Order());
            Assert.Contains(importance.GetProperty("slices").EnumerateObject(), s => s.Name.StartsWith("dayPart=", StringComparison.Ordinal));
            Assert.Equal(importance.GetRawText(), checkpoint.GetProperty("importance").GetRawText());
            var replayed = await ReplayLog(spec, model, checkpoint.GetProperty("toOffset").GetInt64());
            Assert.Equal(checkpoint.GetProperty("stateSha256").GetString(), replayed.Sha256);
            Assert.Equal(labels, replayed.Updates);
            Assert.Equal(replayed.Sha256, (await Learning(node, withState: true)).GetProperty("state").GetProperty("sha256").GetString());
            var report = await ModelVersions.Act(node, "/models/v1/replay", "{}");
            output.WriteLine(report.GetRawText());
            Assert.True(report.GetProperty("matches").GetBoolean(), report.GetRawText());
            Assert.Equal(replayed.Sha256, report.GetProperty("sha256").GetString());
            before = model;
        }
        finally
        {
            await node.DisposeAsync();
        }

        // Restarted: the lineage is as it was, and the learner resumes from its checkpoint without learning anything twice.
        await using var restarted = await TestNode.Start(_dataDirectory, settings, spec: spec, model: TestModels.None);
        var after = await restarted.GetJson("/models/v1");
        Assert.Equal(before.GetProperty("model").GetProperty("online").GetRawText(), after.GetProperty("model").GetProperty("online").GetRawText());
        Assert.Equal(Checkpoint(before)!.Value.GetRawText(), Checkpoint(after)!.Value.GetRawText());
        Assert.Equal("hoeffding-tree", after.GetProperty("model").GetProperty("online").GetProperty("learner").GetString());
        Assert.Equal(7, after.GetProperty("model").GetProperty("online").GetProperty("seed").GetInt64());
        var resumed = await Eventually.Get(async () => (await restarted.GetJson("/models/v1")).TryGetProperty("learning", out var l) ? l : default,
            l => l.ValueKind == JsonValueKind.Object && l.GetProperty("updates").GetInt64() >= 4000, Patience, "the learner restored");
        Assert.Equal(4000, resumed.GetProperty("updates").GetInt64());
        Assert.Equal($"checkpoint at offset {Checkpoint(before)!.Value.GetProperty("toOffset").GetInt64()}", resumed.GetProperty("restoredFrom").GetString());
        Assert.Equal(0, resumed.GetProperty("duplicates").GetInt64());

        var more = ElecEvents.Read(skip: 4000, take: 500, withLabels: true);
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", more.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        var grown = await Eventually.Get(() => Learning(restarted), l => l.GetProperty("updates").GetInt64() >= 4500, Patience, "labels after the restart");
        Assert.Equal(4500, grown.GetProperty("updates").GetInt64());
    }

    /// <summary>
    /// The <c>learning</c> figures of v1 on a node, once it has them: the registry names v1 before the node's replica of
    /// it has started, and the entry shows no figures until then.
    /// </summary>
    internal static async Task<JsonElement> Learning(TestNode node, bool withState = false) =>
        (await Eventually.Get(() => node.GetJson(withState ? "/models/v1?state=true" : "/models/v1"),
            model => model.TryGetProperty("learning", out _), Patience, "v1's replica on the node")).GetProperty("learning");

    internal static JsonElement? Checkpoint(JsonElement model) =>
        model.TryGetProperty("online", out var online) && online.ValueKind == JsonValueKind.Object
            && online.GetProperty("lastCheckpoint") is { ValueKind: JsonValueKind.Object } last ? last : null;

    /// <summary>A replica of v1 that never crashed: fed the label log from the version's start up to <paramref name="toOffset"/>.</summary>
    internal static async Task<ReplicaCheckpoint> ReplayLog(string bootstrap, string specPath, JsonElement model, long toOffset)
    {
        var spec = new CompiledSpec(SpecLoader.Load(specPath));
        var online = spec.Spec.Model.Online!;
        var replica = LearnerReplica.Start("v1", online.Learning(), LearnerSchema.FromSpec(spec), online.DuplicateWindow,
            model.GetProperty("model").GetProperty("online").GetProperty("startOffset").GetInt64());
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "test-replay" };
        await LearningLogReplay.ReplayAsync(config, "streamml.learning", replica, toOffset, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(toOffset, replica.Position);
        return replica.Checkpoint();
    }

    private Task<ReplicaCheckpoint> ReplayLog(string specPath, JsonElement model, long toOffset) => ReplayLog(_broker.BootstrapServers, specPath, model, toOffset);

    private static byte[] LabelJson(EventRecord e) => JsonSerializer.SerializeToUtf8Bytes(new { id = e.Id, label = e.Label!.Value.Number!.Value });

    public void Dispose()
    {
        _broker.Dispose();
        _postgres?.Dispose();
    }
}
