using System.Text;
using StreamMl.Core.Contracts;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Ingestion;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.EndToEnd;

/// <summary>Events in over the dev broker, predictions and dead letters out, through a real node.</summary>
public sealed class IngestionEndToEndTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-e2e-").FullName;
    private readonly MockKafkaCluster _broker = TestBroker.Start();

    [Fact]
    public async Task Every_good_event_is_answered_once_and_every_bad_record_is_dead_lettered_with_its_reason()
    {
        var events = ElecEvents.Read(skip: 3000, take: 10_000);
        var bad = MalformedRecords.Create(100);
        var records = new List<(string?, byte[])>();
        for (var i = 0; i < events.Count; i++)
        {
            records.Add((events[i].Id, ElecEvents.Json(events[i])));
            if (i % 100 == 50) records.Add((bad[i / 100].Key, bad[i / 100].Value));
        }
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", records);

        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        var predictions = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", 10_000, TimeSpan.FromSeconds(90));
        var deadLetters = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.deadletter", 100, TimeSpan.FromSeconds(30));

        var counters = node.Ingestion.Counters;
        var progress = $"consumed {counters.Consumed}, predictions {counters.Answered}, dead letters {counters.DeadLetters}, batches {counters.Batches}";
        var predictedIds = predictions.Select(p => Encoding.UTF8.GetString(p.Message.Key!)).ToList();
        Assert.True(predictedIds.Count == 10_000, $"{predictedIds.Count} predictions read; the node {progress}");
        Assert.Equal(10_000, predictedIds.Count);
        Assert.Equal(events.Select(e => e.Id).Order(), predictedIds.Order());
        Assert.All(predictions, p => Assert.Contains("\"modelVersion\":\"v1\"", Encoding.UTF8.GetString(p.Message.Value!)));
        // Answers share one empty header list on the way out; the dead letters' headers, produced through the same path, never join it.
        Assert.All(predictions, p => Assert.Empty(p.Message.Headers ?? []));

        Assert.Equal(100, deadLetters.Count);
        var byKey = bad.ToDictionary(b => b.Key);
        foreach (var letter in deadLetters)
        {
            var original = byKey[Encoding.UTF8.GetString(letter.Message.Key!)];
            Assert.Equal(original.Value, letter.Message.Value);
            Assert.Equal(original.ExpectedReason, DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.Reason));
            Assert.False(string.IsNullOrEmpty(DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.Detail)));
            Assert.Equal("streamml.events", DeadLetterMessage.Header(letter.Message.Headers, DeadLetterHeaders.SourceTopic));
        }
    }

    public void Dispose()
    {
        _broker.Dispose();
        // Kept for reading the node's log when a test failed.
    }
}
