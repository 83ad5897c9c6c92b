using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamMl.Streams.DevBroker;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// PostgreSQL stopped for 15 s under load. Answering goes on; the registry and the slices fail their writes, restart
/// and answer 503 meanwhile; once the database is back, models, retraining, promotions and rollbacks work again
/// without a restart of the node, and no event is lost.
/// </summary>
[Collection(FaultTests.Collection)]
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "outage-token";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-outage-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.Start();

    [Fact]
    public async Task After_a_15_s_database_outage_under_load_models_retraining_and_promotions_work_again_and_nothing_is_lost()
    {
        // Every challenger passes the gate, so that the retraining after the outage ends in a promotion.
        var spec = TestSpecs.With(RepoPaths.Spec("elec2.json"), "lenient-gate", s => s["gate"] = new JsonObject { ["tolerance"] = 1.0, ["sliceTolerance"] = 1.0 });
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Persistence:Provider"] = "postgresql",
            ["Persistence:ConnectionString"] = _postgres.ConnectionString,
            ["Admin:Token"] = Token,
        }, spec: spec);
        await Eventually.Get(async () => (await node.GetJson("/models")).GetProperty("champion").GetString(), c => c == "v1", TimeSpan.FromSeconds(60), "v1");
        var events = ElecEvents.Read(skip: 3000, take: 40_000, idPrefix: "o-", withLabels: true);
        var producer = new PacedProducer(_broker.BootstrapServers, "streamml.events", 4);
        var producing = producer.Run(events, perSecond: 1000);
        await Task.Delay(TimeSpan.FromSeconds(5));

        await _postgres.Pause();
        var outage = Stopwatch.StartNew();
        var answeredAtStart = node.Ingestion.Counters.Answered;
        Assert.Equal(HttpStatusCode.Accepted, (await Post(node, "/retrain", """{"reason":"during the outage"}""")).StatusCode);
        var duringOutage = new List<(HttpStatusCode Status, TimeSpan Took)>();
        while (outage.Elapsed < Outage)
        {
            var asked = Stopwatch.StartNew();
            var response = await node.Http.GetAsync("/models");
            duringOutage.Add((response.StatusCode, asked.Elapsed));
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var answeredDuringOutage = node.Ingestion.Counters.Answered - answeredAtStart;
        await _postgres.Resume();
        var resumed = Stopwatch.StartNew();

        await Eventually.Get(async () => (await node.Http.GetAsync("/models")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "/models again");
        var modelsBack = resumed.Elapsed;
        var before = await RunsFinished(node);
        await Eventually.Get(async () => (await Post(node, "/retrain", """{"reason":"after the outage"}""")).StatusCode, s => s == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30), "a retraining request");
        var champion = await Eventually.Get(async () => (await node.GetJson("/models")).GetProperty("champion").GetString(), c => c != "v1",
            TimeSpan.FromSeconds(120), "a retrained champion after the outage");
        var rollback = await Post(node, "/models/rollback", null);
        await producing;
        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count,
            TimeSpan.FromSeconds(120), "answers to the rest of the stream");
        await ConsumerGroupOffsets.WaitUntilEventsCommitted(_broker.BootstrapServers, TimeSpan.FromSeconds(60), "every offset committed after the outage");
        var answered = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", events.Count, TimeSpan.FromSeconds(60))
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();

        output.WriteLine($"{answeredDuringOutage} events answered during the {Outage.TotalSeconds:0} s outage; /models during it: " +
                         string.Join(", ", duringOutage.Select(d => $"{(int)d.Status} in {d.Took.TotalMilliseconds:0} ms")));
        output.WriteLine($"/models answered 200 again {modelsBack.TotalSeconds:F1} s after the database came back; champion {champion} after retraining " +
                         $"(runs finished before: {before}); rollback answered {(int)rollback.StatusCode}");
        Assert.True(answeredDuringOutage > 0, "no event was answered during the outage");
        Assert.All(duringOutage, d => Assert.True(d.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"/models answered {(int)d.Status} during the outage"));
        Assert.All(duringOutage, d => Assert.True(d.Took < TimeSpan.FromSeconds(11), $"/models took {d.Took} during the outage"));
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal("v1", (await node.GetJson("/models")).GetProperty("champion").GetString());
        Assert.Subset(answered, events.Select(e => e.Id).ToHashSet());
    }

    private static async Task<int> RunsFinished(TestNode node) => (await node.GetJson("/retraining")).GetProperty("runsFinished").GetInt32();

    private static async Task<HttpResponseMessage> Post(TestNode node, string path, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await node.Http.SendAsync(request);
    }

    public Task DisposeAsync()
    {
        _broker.Dispose();
        _postgres.Dispose();
        return Task.CompletedTask;
    }
}
