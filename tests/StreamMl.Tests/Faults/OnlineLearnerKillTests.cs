using System.Text.Json;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.EndToEnd;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// kill -9 of the node that writes the online model's checkpoints, under a labelled load (three node processes on a
/// shared PostgreSQL): the survivors go on learning and the oldest of them takes over the checkpoints; the killed
/// node, restarted, resumes from the last checkpoint and re-reads the rest of the log. At the end every node has
/// learnt every labelled event exactly once (events answered twice after the kill put their labels in the log twice;
/// those are counted as duplicates, not learnt) and holds the state of a replica that read the whole log without a crash.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class OnlineLearnerKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 4;
    private const int Events = 16_000;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-online-kill-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(Partitions);
    private readonly PostgresDatabase _postgres = new();

    [Fact]
    public async Task After_kill_9_of_the_checkpointing_node_every_label_is_learnt_once_and_every_node_ends_in_the_uninterrupted_state()
    {
        var spec = TestSpecs.OnlineElec();
        var settings = new Dictionary<string, string>
        {
            ["Persistence:Provider"] = "postgresql",
            ["Persistence:ConnectionString"] = _postgres.ConnectionString,
        };
        var first = await NodeProcess.Start(Path.Combine(_dataDirectory, "a"), _broker.BootstrapServers, settings, spec: spec, model: TestModels.None);
        var seeds = new[] { first.ClusterPort };
        var second = await NodeProcess.Start(Path.Combine(_dataDirectory, "b"), _broker.BootstrapServers, settings, seedPorts: seeds, spec: spec, model: TestModels.None);
        // A third node keeps a majority when the first is killed (of two, the survivor could be the side the split brain resolver downs).
        var third = await NodeProcess.Start(Path.Combine(_dataDirectory, "c"), _broker.BootstrapServers, settings, seedPorts: seeds, spec: spec, model: TestModels.None);
        NodeProcess? restarted = null;
        try
        {
            await Eventually.Get(async () => (await first.GetJson("/cluster")).GetProperty("members").GetArrayLength(), n => n == 3, TimeSpan.FromSeconds(60), "three members");
            await Eventually.Get(async () => (await second.GetJson("/models")).GetProperty("champion").GetString(), v => v == "v1", TimeSpan.FromSeconds(60), "v1 champion");

            var events = ElecEvents.Read(skip: 0, take: Events, idPrefix: "o-", withLabels: true);
            var producer = new PacedProducer(_broker.BootstrapServers, "streamml.events", Partitions);
            var producing = producer.Run(events, perSecond: 1000);
            // Killed once the oldest node (the checkpoint writer) has recorded a checkpoint under load.
            var checkpointed = await Eventually.Get(() => second.GetJson("/models/v1"), m => OnlineLearningEndToEndTests.Checkpoint(m) is not null,
                TimeSpan.FromSeconds(60), "a first checkpoint");
            output.WriteLine($"checkpoint before the kill: {OnlineLearningEndToEndTests.Checkpoint(checkpointed)!.Value.GetRawText()}");
            await first.Kill();
            var killedAt = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(5));
            restarted = await NodeProcess.Start(Path.Combine(_dataDirectory, "a"), _broker.BootstrapServers, settings, seedPorts: [second.ClusterPort], spec: spec, model: TestModels.None);
            await producing;

            var nodes = new[] { second, third, restarted };
            foreach (var node in nodes)
                await Eventually.Get(() => Learning(node), l => Figure(l, "updates") >= Events, TimeSpan.FromSeconds(120), "every label learnt");
            // Every duplicate in the log has been read too: every node's state at the same position (labels answered twice
            // may still come in, so each state is taken with the position it holds).
            var end = await Eventually.Get(async () => (await Task.WhenAll(nodes.Select(n => Learning(n, withState: true)))).ToList(),
                l => l.All(x => Figure(x, "labelsBehind") == 0) && l.Select(x => x.ValueKind == JsonValueKind.Object ? State(x).Position : -1).Distinct().Count() == 1,
                TimeSpan.FromSeconds(60), "every node at the same position");
            foreach (var l in end) output.WriteLine(l.GetRawText());
            var (_, position, _, duplicates) = State(end[0]);
            output.WriteLine($"killed at {killedAt:HH:mm:ss.fff}; {duplicates} labels in the log twice (events answered again after the kill), none learnt twice");

            // The uninterrupted run: a replica fed the log from v1's start to the same position. Every node holds its state.
            var model = await Eventually.Get(() => Model(second), m => m.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "v1's entry");
            var uninterrupted = await OnlineLearningEndToEndTests.ReplayLog(_broker.BootstrapServers, spec, model, position);
            output.WriteLine($"uninterrupted replay to {position}: {uninterrupted.Sha256}, {uninterrupted.Updates} updates, {uninterrupted.Duplicates} duplicates");
            Assert.Equal(Events, uninterrupted.Updates);
            Assert.Equal(duplicates, uninterrupted.Duplicates);
            Assert.All(end, l => Assert.Equal((uninterrupted.Sha256, position, (long)Events, duplicates), State(l)));

            // The restarted node resumed from a checkpoint, and the checkpoints kept coming after the kill.
            var last = await Eventually.Get(() => Model(second), m => m.ValueKind == JsonValueKind.Object && OnlineLearningEndToEndTests.Checkpoint(m)?.GetProperty("updates").GetInt64() == Events,
                TimeSpan.FromSeconds(60), "a checkpoint of every label");
            Assert.Equal($"127.0.0.1:{second.ClusterPort}", OnlineLearningEndToEndTests.Checkpoint(last)!.Value.GetProperty("node").GetString());
            Assert.StartsWith("checkpoint at offset ", end[2].GetProperty("restoredFrom").GetString());
        }
        catch
        {
            foreach (var (name, node) in new[] { ("a", first), ("b", second), ("c", third), ("a restarted", restarted) })
                if (node is not null) output.WriteLine($"--- node {name}:{Environment.NewLine}{node.AllOutput()}");
            throw;
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await third.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    /// <summary>v1's learning figures on a node; an empty element while the registry moves to the survivor or the replica starts.</summary>
    private static async Task<JsonElement> Learning(NodeProcess node, bool withState = false) =>
        await Model(node, withState) is { ValueKind: JsonValueKind.Object } model && model.TryGetProperty("learning", out var learning) ? learning : default;

    /// <summary>v1's registry entry; an empty element while the registry singleton moves (503).</summary>
    private static async Task<JsonElement> Model(NodeProcess node, bool withState = false)
    {
        try
        {
            return await node.GetJson(withState ? "/models/v1?state=true" : "/models/v1");
        }
        catch (HttpRequestException)
        {
            return default;
        }
    }

    private static (string Sha, long Position, long Updates, long Duplicates) State(JsonElement learning)
    {
        var state = learning.GetProperty("state");
        return (state.GetProperty("sha256").GetString()!, state.GetProperty("position").GetInt64(), state.GetProperty("updates").GetInt64(),
            state.GetProperty("duplicates").GetInt64());
    }

    private static long Figure(JsonElement learning, string name) =>
        learning.ValueKind == JsonValueKind.Object ? learning.GetProperty(name).GetInt64() : -1;

    public void Dispose()
    {
        _broker.Dispose();
        _postgres.Dispose();
    }
}
