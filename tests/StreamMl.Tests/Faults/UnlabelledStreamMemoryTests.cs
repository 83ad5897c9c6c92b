using System.Text.Json.Nodes;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// A stream whose labels never come: the predictions that wait for them are bounded by memory, so a node's resident
/// memory levels off instead of growing with every event; a spec that says labels never come late keeps none.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class UnlabelledStreamMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Rate = 2000;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-rss-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();

    [Fact]
    public async Task Resident_memory_levels_off_over_a_stream_without_labels()
    {
        var settings = new Dictionary<string, string> { ["Labels:MaxPendingMegabytes"] = "8" };
        var (series, labels) = await Run(RepoPaths.Spec("elec2.json"), settings, seconds: 45);

        var pendingBytes = labels.GetProperty("join").GetProperty("pendingBytes").GetInt64();
        var pending = labels.GetProperty("join").GetProperty("pendingPredictions").GetInt64();
        var growth = series[^1] - series[series.Count / 2];
        output.WriteLine($"RSS every 5 s (MB): {string.Join(" ", series.Where((_, i) => i % 5 == 0).Select(b => b / (1 << 20)))}; " +
                         $"second half grew {growth / (double)(1 << 20):F1} MB; {pending} predictions waiting in {pendingBytes / (double)(1 << 20):F1} MB");
        Assert.InRange(pendingBytes, 1, 8L << 20);
        Assert.True(growth < 30L << 20, $"RSS grew {growth >> 20} MB over the second half of the stream");
    }

    [Fact]
    public async Task A_spec_without_late_labels_keeps_no_prediction_waiting()
    {
        var spec = TestSpecs.With(RepoPaths.Spec("elec2.json"), "no-late-labels", s => s["label"]!["late"] = false);

        var (_, labels) = await Run(spec, new Dictionary<string, string>(), seconds: 5);

        Assert.Equal(0, labels.GetProperty("join").GetProperty("pendingPredictions").GetInt64());
    }

    /// <summary>Streams unlabelled events at a steady rate; RSS sampled every second, then the label join's counters.</summary>
    private async Task<(List<long> Rss, System.Text.Json.JsonElement Labels)> Run(string spec, Dictionary<string, string> settings, int seconds)
    {
        var events = ElecEvents.Read(skip: 0, take: 45_000, idPrefix: "u-");
        var stream = Enumerable.Range(0, Rate * seconds).Select(i => events[i % events.Count] with { Id = $"u-{i}" }).ToList();
        // Workstation GC: the bound under test is the label join's, which does not depend on the GC, and a node's
        // Server GC grows its heaps lazily, so its resident memory takes minutes rather than seconds to level off.
        await using var node = await NodeProcess.Start(_dataDirectory, _broker.BootstrapServers, settings, spec: TestSpecs.OperatorRetrainingOnly(spec),
            runtime: new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });
        var producing = new PacedProducer(_broker.BootstrapServers, "streamml.events", 4).Run(stream, Rate);
        var series = new List<long>();
        while (!producing.IsCompleted)
        {
            series.Add(node.ResidentBytes());
            await Task.Delay(1000);
        }
        try
        {
            await Eventually.Get(node.Answered, n => n >= stream.Count, TimeSpan.FromSeconds(120), "every event answered");
        }
        catch (TimeoutException)
        {
            output.WriteLine($"health: {await node.GetJson("/health")}\nnode output:\n{node.Output}");
            throw;
        }
        return (series, await node.GetJson("/labels"));
    }

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
