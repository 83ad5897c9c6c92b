using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Operations;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Kafka;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Operator;

/// <summary>/ready apart from /health: a node is ready only once it is Up, serves a model and holds partitions.</summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-ready-").FullName;
    // One partition, so that another member of the group can hold all of it.
    private readonly MockKafkaCluster _broker = TestBroker.Start(eventPartitions: 1);

    [Fact]
    public async Task A_node_whose_consumer_has_no_partition_is_live_but_not_ready_until_it_gets_one()
    {
        using var stop = new CancellationTokenSource();
        var holder = HoldThePartition(stop.Token, out var holding);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });

        await Eventually.Get(() => node.Http.GetAsync("/cluster").ContinueWith(t => t.Result.IsSuccessStatusCode), up => up, TimeSpan.FromSeconds(20), "admin endpoint");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var notReady = await node.Http.GetAsync("/ready");
        var health = await node.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("no partition assignment", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        await stop.CancelAsync();
        await holder;
        var ready = await Eventually.Get(() => node.Http.GetAsync("/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.Equal("v1", body.GetProperty("model").GetString());
    }

    [Fact]
    public void Readiness_names_everything_missing()
    {
        var starting = Readiness.Of("Joining", ingests: true, modelVersion: null, assigned: false);
        Assert.False(starting.Ready);
        Assert.Equal(3, starting.Reasons.Count);
        Assert.Contains(starting.Reasons, r => r.Contains("no model is loaded"));
        Assert.False(Readiness.Of("Up", ingests: true, modelVersion: null, assigned: true).Ready);
        Assert.True(Readiness.Of("Up", ingests: true, modelVersion: "v1", assigned: true).Ready);
        // A node without the ingest role needs neither a model nor partitions.
        Assert.True(Readiness.Of("Up", ingests: false, modelVersion: null, assigned: false).Ready);
    }

    /// <summary>A member of the node's consumer group that takes the events topic's only partition, until cancelled.</summary>
    private Task HoldThePartition(CancellationToken stop, out TaskCompletionSource holding)
    {
        var assigned = holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.Run(() =>
        {
            var config = new KafkaClientSettings(_broker.BootstrapServers, "streamml", "holder").CreateConsumerConfig();
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
                .SetPartitionsAssignedHandler((_, parts) => { if (parts.Count > 0) assigned.TrySetResult(); })
                .SetLogHandler((_, _) => { })
                .Build();
            consumer.Subscribe("streamml.events");
            while (!stop.IsCancellationRequested) consumer.Consume(TimeSpan.FromMilliseconds(100));
            consumer.Close();
        }, CancellationToken.None);
    }

    public void Dispose() => _broker.Dispose();
}
