using Confluent.Kafka;
using StreamMl.Cluster.Hosting;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// The node's one Kafka producer (idempotent, acks=all, LZ4), shared by everything the node writes: predictions,
/// dead letters of events and labels, alerts. Created on first use; flushed and closed when the node stops.
/// </summary>
public sealed class NodeProducer(NodeSettings settings, ILogger<NodeProducer> logger) : IDisposable
{
    private readonly Lazy<IProducer<byte[]?, byte[]?>> _producer = new(() =>
        new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(settings.Kafka.BootstrapServers!, clientId: $"streamml-{NodeHost.NodeName(settings)}").CreateProducerConfig())
            .WithLog(new KafkaClientLog(logger, "producer"))
            .Build());

    /// <summary>Whether the node has Kafka settings (a node without the ingest role may have none).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Kafka.BootstrapServers);

    public IProducer<byte[]?, byte[]?> Producer => _producer.Value;

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(10));
        _producer.Value.Dispose();
    }
}
