using System.Text;
using System.Text.Json;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.EndToEnd;

/// <summary>A node stopped and started again, on SQLite and on a real PostgreSQL.</summary>
public sealed class NodeRestartTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-restart-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();
    private PostgresDatabase? _postgres;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_restarted_node_resumes_from_committed_offsets_with_its_slice_statistics_unchanged(string provider)
    {
        var settings = NodeSettingsFor.Persistence(_broker.BootstrapServers, provider, out _postgres);
        var first = ElecEvents.Read(skip: 3000, take: 4000);
        var second = ElecEvents.Read(skip: 7000, take: 3000);
        Produce(first);

        var node = await TestNode.Start(_dataDirectory, settings);
        await WaitForPredictions(node, first.Count);
        // Answers do not wait for the slices: their statistics follow a moment later.
        var slicesBefore = await Eventually.Get(() => node.GetJson("/slices"), s => EveryEventInEverySlice(s, first.Count),
            TimeSpan.FromSeconds(30), "slices with every event");
        var statisticsBefore = await AllSliceStatistics(node, slicesBefore);
        await node.Stop();

        node = await TestNode.Start(_dataDirectory, settings);
        var slicesAfter = await node.GetJson("/slices");
        // The directory's slices and alarms come from the journal; each slice's checkpoint figures (events, time) are replicated
        // in memory and come back at its next checkpoint, so the listing is compared without them.
        Assert.Equal(WithoutFigures(slicesBefore), WithoutFigures(slicesAfter));
        Assert.Equal(statisticsBefore, await AllSliceStatistics(node, slicesAfter));
        var unknown = await node.Http.GetAsync("/slices/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown slice 'nope'", await unknown.Content.ReadAsStringAsync());

        Produce(second);
        await WaitForPredictions(node, second.Count);
        await Eventually.Get(() => node.GetJson("/slices"), s => EveryEventInEverySlice(s, 7000), TimeSpan.FromSeconds(30), "slices with every event");
        var predictions = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", 7000, TimeSpan.FromSeconds(30));
        var ids = predictions.Select(p => Encoding.UTF8.GetString(p.Message.Key!)).ToList();
        Assert.Equal(first.Concat(second).Select(e => e.Id).Order(), ids.Order());
        Assert.Equal(7000, GlobalEvents(await node.GetJson("/slices")));
        await node.DisposeAsync();
    }

    private void Produce(IEnumerable<Core.Contracts.EventRecord> events) =>
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, ElecEvents.Json(e))));

    private static Task WaitForPredictions(TestNode node, long count) =>
        Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= count, TimeSpan.FromSeconds(60), "predictions");

    /// <summary>Every elec2 event falls in the global slice, one part of the day and one demand level.</summary>
    private static bool EveryEventInEverySlice(JsonElement slices, long events) =>
        GlobalEvents(slices) == events && slices.GetProperty("items").EnumerateArray().Sum(s => Events(s)) == 3 * events;

    private static long GlobalEvents(JsonElement slices) =>
        slices.GetProperty("items").EnumerateArray().Where(s => s.GetProperty("id").GetString() == "*").Select(s => Events(s)).SingleOrDefault();

    private static async Task<Dictionary<string, string>> AllSliceStatistics(TestNode node, JsonElement slices)
    {
        var result = new Dictionary<string, string>();
        foreach (var slice in slices.GetProperty("items").EnumerateArray())
        {
            var id = slice.GetProperty("id").GetString()!;
            result[id] = (await node.GetJson($"/slices/{Uri.EscapeDataString(id)}")).GetRawText();
        }
        return result;
    }

    public void Dispose()
    {
        _broker.Dispose();
        _postgres?.Dispose();
    }

    private static string WithoutFigures(JsonElement slices)
    {
        var listing = System.Text.Json.Nodes.JsonNode.Parse(slices.GetRawText())!;
        foreach (var item in listing["items"]!.AsArray())
        {
            item!.AsObject().Remove("events");
            item.AsObject().Remove("checkpointedAt");
        }
        return listing.ToJsonString();
    }

    /// <summary>A slice's events at its last checkpoint; 0 before its first.</summary>
    private static long Events(JsonElement slice) =>
        slice.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Number ? events.GetInt64() : 0;
}
