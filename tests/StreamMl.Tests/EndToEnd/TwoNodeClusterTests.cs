using System.Text;
using StreamMl.Streams.DevBroker;
using StreamMl.Cluster.Hosting;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.EndToEnd;

/// <summary>Two real nodes on loopback forming one cluster over a shared PostgreSQL journal.</summary>
public sealed class TwoNodeClusterTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-cluster-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();
    private readonly PostgresDatabase _postgres = new();

    [Fact]
    public async Task Two_nodes_split_the_shards_and_partitions_and_answer_every_event()
    {
        var seedPort = LocalNode.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = _broker.BootstrapServers,
            ["Persistence:Provider"] = "postgresql",
            ["Persistence:ConnectionString"] = _postgres.ConnectionString,
            ["Cluster:SeedNodes:0"] = TestNode.Address(seedPort),
        };
        await using var a = await TestNode.Start(Path.Combine(_dataDirectory, "a"), settings, seedPort);
        await using var b = await TestNode.Start(Path.Combine(_dataDirectory, "b"), settings);
        await Eventually.Get(async () => (await a.GetJson("/cluster")).GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up"),
            up => up == 2, TimeSpan.FromSeconds(30), "members up");
        // Shards are placed when their first slice is used: wait until both regions are known to the coordinator.
        await Eventually.Get(async () => (await a.GetJson("/shards")).GetArrayLength(), regions => regions == 2, TimeSpan.FromSeconds(30), "shard regions");
        // A node joins the consumer group a while after the cluster: until both hold partitions, one would read them all.
        await Eventually.Get(() => Task.FromResult(a.Ingestion.IsAssigned && b.Ingestion.IsAssigned), assigned => assigned, TimeSpan.FromSeconds(30),
            "partitions assigned to both nodes");

        var events = ElecEvents.Read(skip: 3000, take: 8000);
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        var predictions = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", events.Count, TimeSpan.FromSeconds(90));

        var ids = predictions.Select(p => Encoding.UTF8.GetString(p.Message.Key!)).ToList();
        Assert.Equal(events.Select(e => e.Id).Order(), ids.Distinct().Order());
        Assert.True(a.Ingestion.Counters.Answered > 0, "node a answered no event");
        Assert.True(b.Ingestion.Counters.Answered > 0, "node b answered no event");
        var shards = (await a.GetJson("/shards")).EnumerateArray().ToList();
        Assert.Equal(2, shards.Count);
        Assert.All(shards, region => Assert.True(region.GetProperty("shards").GetInt32() > 0, $"no shard on {region}"));
        // Checkpoints on both nodes reach the slices of both: every answered offset is committed soon after.
        await ConsumerGroupOffsets.WaitUntilEventsCommitted(_broker.BootstrapServers, TimeSpan.FromSeconds(20), "every offset committed");
    }

    public void Dispose()
    {
        _broker.Dispose();
        _postgres.Dispose();
    }
}
