using System.Diagnostics;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>Offsets are committed on a timer too: a stream that goes idle leaves nothing uncommitted behind.</summary>
public sealed class OffsetCommitTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-commit-").FullName;
    private readonly Streams.DevBroker.MockKafkaCluster _broker = TestBroker.Start();

    [Fact]
    public async Task The_committed_offsets_reach_the_end_of_every_partition_a_few_seconds_after_the_stream_goes_idle()
    {
        var events = ElecEvents.Read(skip: 0, take: 3000);
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });

        await Eventually.Get(() => Task.FromResult(node.Ingestion.Counters.Answered), n => n >= events.Count, TimeSpan.FromSeconds(60), "answers");
        var idle = Stopwatch.StartNew();
        var committed = await ConsumerGroupOffsets.WaitUntilEventsCommitted(_broker.BootstrapServers, TimeSpan.FromSeconds(10),
            "committed offsets at the end of every partition");

        output.WriteLine($"every offset committed {idle.Elapsed.TotalSeconds:F1} s after the last answer (checkpoint every 2 s, commit every 1 s)");
        Assert.Equal(events.Count, committed.Values.Sum());
    }

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
