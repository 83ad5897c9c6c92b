using System.Diagnostics;
using System.Text.Json;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Operator;

/// <summary>The slice directory with thousands of slices, most of them passivated.</summary>
public sealed class SliceDirectoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Bins = 5000;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-directory-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 2);

    [Fact]
    public async Task Listing_5000_passivated_slices_and_their_drift_recovers_none_of_them()
    {
        // SEA with attrib3 cut into 5,000 bins: one slice per event, plus the global slice.
        var spec = SeaBins.Spec(Bins);
        var model = SeaBins.Model(spec);
        var events = SeaBins.OnePerBin(Bins, "bin-");
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, EventProducer.Serialize(e))));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Slices:PassivateIdleAfterSeconds"] = "3",
        }, spec: spec, model: model);
        var clock = Stopwatch.StartNew();
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= Bins, TimeSpan.FromSeconds(120), "predictions");
        output.WriteLine($"{Bins} events answered in {clock.Elapsed.TotalSeconds:0.0} s");

        // Every slice checkpoints, tells the directory its figures, then passivates once idle.
        // 5,000 slices each snapshot, report and passivate, some several times: 50-80 s alone, longer beside other tests.
        await Eventually.Get(() => Total(node, "/slices?limit=1"), n => n == Bins + 1, TimeSpan.FromSeconds(240), "slices in the directory");
        // A checkpoint that timed out asks its slices again, waking some: wait until none has woken for 5 s.
        var recoveries = await Eventually.Get(async () =>
        {
            var before = await node.Metric("streamml_slice_recoveries_total");
            await Task.Delay(TimeSpan.FromSeconds(5));
            var alive = await node.Metric("streamml_slice_entities");
            return alive == 0 && await node.Metric("streamml_slice_recoveries_total") == before ? before : double.NaN;
        }, r => !double.IsNaN(r), TimeSpan.FromSeconds(240), "all slices passivated, none waking");
        output.WriteLine($"all {Bins + 1} slices known and passivated after {clock.Elapsed.TotalSeconds:0.0} s ({recoveries} recoveries so far, " +
            $"{node.Ingestion.Counters.FailedCheckpoints} checkpoints timed out)");

        var listing = Stopwatch.StartNew();
        var ids = new List<string>();
        var events1 = 0;
        for (var offset = 0; offset < Bins + 1; offset += 1000)
        {
            var page = await node.GetJson($"/slices?offset={offset}&limit=1000");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("id").GetString()!);
                if (item.GetProperty("events").ValueKind == JsonValueKind.Number && item.GetProperty("events").GetInt64() == 1) events1++;
            }
        }
        var listed = listing.Elapsed;
        var filtered = await node.GetJson("/slices?prefix=attrib3Level%3Db49&limit=1000");
        var drift = await node.GetJson("/drift");
        await node.GetJson("/drift/timeline");
        await node.GetJson($"/slices/{Uri.EscapeDataString(SeaBins.Slice(42))}/drift");

        Assert.Equal(Bins + 1, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(Bins, events1);
        Assert.Equal(100, filtered.GetProperty("total").GetInt32());
        Assert.Equal(Bins + 1, drift.GetProperty("slices").GetArrayLength());
        Assert.Equal(recoveries, await node.Metric("streamml_slice_recoveries_total"));
        Assert.Equal(0, await node.Metric("streamml_slice_entities"));
        output.WriteLine($"{Bins + 1} slices listed in 6 pages in {listed.TotalMilliseconds:0} ms; recoveries stayed at {recoveries} (timings are noisy)");
    }

    private static async Task<int> Total(TestNode node, string path) => (await node.GetJson(path)).GetProperty("total").GetInt32();

    public void Dispose() => _broker.Dispose();
}
