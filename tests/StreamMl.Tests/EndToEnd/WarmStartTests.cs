using System.Text.Json;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.EndToEnd;

/// <summary>A restarted node wakes the slices its journal knows and every label bucket before it consumes.</summary>
public sealed class WarmStartTests(ITestOutputHelper output) : IDisposable
{
    private const int Bins = 300;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-warm-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 2);

    [Fact]
    public async Task A_restarted_node_wakes_its_most_recent_slices_and_every_label_bucket_before_it_consumes()
    {
        var spec = SeaBins.Spec(Bins);
        var model = SeaBins.Model(spec);
        var settings = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers };
        Produce(SeaBins.OnePerBin(Bins, "first-"));
        var node = await TestNode.Start(_dataDirectory, settings, spec: spec, model: model);
        await WaitForPredictions(node, Bins);
        await Eventually.Get(async () => (await node.GetJson("/slices?limit=1")).GetProperty("total").GetInt32(), n => n == Bins + 1,
            TimeSpan.FromSeconds(60), "every slice in the directory");
        var fresh = await WarmStartReport(node);
        await node.Stop();

        // 200 of the 301 known slices are woken; the other 101 wake with their first event.
        node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>(settings) { ["Ingestion:WarmStartSlices"] = "200" }, spec: spec, model: model);
        var report = await WarmStartReport(node);
        var recoveredBeforeEvents = await node.Metric("streamml_slice_recoveries_total");
        Produce(SeaBins.OnePerBin(Bins, "second-"));
        await WaitForPredictions(node, Bins);
        // Answers do not wait for the slices: they record the events a moment later.
        var recoveredAfterEvents = await Eventually.Get(() => node.Metric("streamml_slice_recoveries_total"), n => n >= Bins + 1,
            TimeSpan.FromSeconds(30), "every slice recovered");
        var global = await Eventually.Get(async () => (await node.GetJson("/slices/*")).GetProperty("events").GetInt64(), n => n == 2 * Bins,
            TimeSpan.FromSeconds(30), "the global slice with both passes' events");
        await node.DisposeAsync();
        output.WriteLine($"first start: {fresh}; restart: {report}; recoveries before events {recoveredBeforeEvents}, after {recoveredAfterEvents}");

        Assert.Equal((0, 0, 32, 32), (fresh.GetProperty("slicesAwake").GetInt32(), fresh.GetProperty("slices").GetInt32(),
            fresh.GetProperty("bucketsAwake").GetInt32(), fresh.GetProperty("buckets").GetInt32()));
        Assert.Equal((200, 200, 32, 32), (report.GetProperty("slicesAwake").GetInt32(), report.GetProperty("slices").GetInt32(),
            report.GetProperty("bucketsAwake").GetInt32(), report.GetProperty("buckets").GetInt32()));
        Assert.Equal(200, recoveredBeforeEvents);
        // Every slice recovered once: the woken ones before the events, the rest as their events came.
        Assert.Equal(Bins + 1, recoveredAfterEvents);
        Assert.Equal(2 * Bins, global);
    }

    [Fact]
    public async Task A_node_whose_slice_nodes_are_not_up_gives_up_the_warm_start_and_answers()
    {
        Produce(SeaBins.OnePerBin(50, "alone-"));
        var spec = SeaBins.Spec(50);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Ingest and admin only: the label buckets and slices live on nodes of the slices role, and none is up.
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Cluster:Roles:0"] = "ingest",
            ["Cluster:Roles:1"] = "admin",
        }, spec: spec, model: SeaBins.Model(spec));

        var report = await WarmStartReport(node);
        await WaitForPredictions(node, 50);
        output.WriteLine($"warm start {report}; 50 answers after {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal((0, 32), (report.GetProperty("bucketsAwake").GetInt32(), report.GetProperty("buckets").GetInt32()));
        // The first bucket's 10 s probe, not the 30 s budget.
        Assert.InRange(report.GetProperty("seconds").GetDouble(), 9.5, 20);
    }

    private static async Task<JsonElement> WarmStartReport(TestNode node) =>
        await Eventually.Get(async () => (await node.GetJson("/health")).GetProperty("warmStart"), r => r.ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60), "the warm start's report");

    private void Produce(IEnumerable<Core.Contracts.EventRecord> events) =>
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));

    private static Task WaitForPredictions(TestNode node, long count) =>
        Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= count, TimeSpan.FromSeconds(60), "predictions");

    public void Dispose()
    {
        _broker.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
