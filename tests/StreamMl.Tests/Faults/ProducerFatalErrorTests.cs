using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using StreamMl.Cluster.Ingestion;
using StreamMl.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Faults;

/// <summary>
/// An idempotent producer that loses its sequence with the broker fails fatally and refuses every record from then
/// on; the node replaces it and answers every event, instead of never answering again.
/// </summary>
public sealed class ProducerFatalErrorTests(ITestOutputHelper output) : IDisposable
{
    private const short ProduceApiKey = 0;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("streamml-fatal-").FullName;
    private readonly Streams.DevBroker.MockKafkaCluster _broker = TestBroker.Start();

    [Fact]
    public async Task After_a_fatal_producer_error_a_new_producer_answers_every_event()
    {
        var events = ElecEvents.Read(skip: 0, take: 4000);
        KafkaTopics.Produce(_broker.BootstrapServers, "streamml.events", events.Select(e => ((string?)e.Id, ElecEvents.Json(e))));
        // The node's first write is refused with an out-of-order sequence number: fatal for an idempotent producer.
        _broker.FailNextRequests(ProduceApiKey, ErrorCode.OutOfOrderSequenceNumber);
        await using var node = await TestNode.Start(_dataDirectory, new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });

        var producer = node.Services.GetRequiredService<NodeProducer>();
        await Eventually.Get(() => Task.FromResult(producer.Replacements), n => n >= 1, TimeSpan.FromSeconds(30), "the producer replaced");
        await ConsumerGroupOffsets.WaitUntilEventsCommitted(_broker.BootstrapServers, TimeSpan.FromSeconds(60), "committed offsets at the end of every partition");
        var answered = KafkaTopics.ReadAll(_broker.BootstrapServers, "streamml.predictions", events.Count, TimeSpan.FromSeconds(30), settle: TimeSpan.FromSeconds(3))
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
        output.WriteLine($"{producer.Replacements} producer replaced; {answered.Count} of {events.Count} events answered");
        var unanswered = events.Select(e => e.Id).Where(id => !answered.Contains(id)).ToList();
        Assert.Contains("streamml_kafka_producer_replacements_total 1", await node.Http.GetStringAsync("/metrics"));
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} events never answered, e.g. {string.Join(", ", unanswered.Take(5))}");
    }

    public void Dispose()
    {
        _broker.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
