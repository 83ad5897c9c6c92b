using Confluent.Kafka;
using StreamMl.Cluster.Hosting;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// The node's one Kafka producer (idempotent, acks=all, LZ4), shared by everything the node writes: predictions,
/// dead letters of events and labels, alerts, the label log. Created on first use; flushed and closed when the node
/// stops.
/// </summary>
/// <remarks>
/// An idempotent producer that loses its sequence with the broker (an out-of-order sequence number after a leader
/// change or a timeout) raises a fatal error and fails every record from then on. The next caller of
/// <see cref="Producer"/> then gets a new producer; the records the old one failed are answered again, since the
/// pipeline that wrote them restarts from its committed offsets. The old one is closed a little later, once the
/// work that still held it has seen its failures.
/// </remarks>
public sealed class NodeProducer(NodeSettings settings, ILogger<NodeProducer> logger) : IDisposable
{
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private Generation? _current;
    private int _replacements;
    private bool _disposed;

    /// <summary>Whether the node has Kafka settings (a node without the ingest role may have none).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Kafka.BootstrapServers);

    /// <summary>Producers replaced after a fatal error since the node started.</summary>
    public int Replacements => Volatile.Read(ref _replacements);

    /// <summary>The producer to write with now: a new one when the last one failed fatally.</summary>
    public IProducer<byte[]?, byte[]?> Producer
    {
        get
        {
            Generation? retired = null;
            IProducer<byte[]?, byte[]?> producer;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_current is { Fatal: true })
                {
                    retired = _current;
                    _current = null;
                    _replacements++;
                }
                _current ??= new Generation(ProducerConfig(), new KafkaClientLog(logger, "producer"));
                producer = _current.Producer;
            }
            if (retired is not null) Retire(retired);
            return producer;
        }
    }

    public void Dispose()
    {
        Generation? last;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            last = _current;
        }
        if (last is null) return;
        last.Producer.Flush(TimeSpan.FromSeconds(10));
        last.Producer.Dispose();
    }

    private void Retire(Generation retired)
    {
        logger.LogWarning("A new Kafka producer replaces the one that failed fatally; the old one closes in {Delay} s", RetireAfter.TotalSeconds);
        _ = Task.Delay(RetireAfter).ContinueWith(_ => retired.Producer.Dispose(), TaskScheduler.Default);
    }

    private ProducerConfig ProducerConfig() =>
        new KafkaClientSettings(settings.Kafka.BootstrapServers!, clientId: $"streamml-{NodeHost.NodeName(settings)}").CreateProducerConfig();

    /// <summary>One producer and whether it has failed fatally.</summary>
    private sealed class Generation
    {
        private volatile bool _fatal;

        public Generation(ProducerConfig config, KafkaClientLog log)
        {
            Producer = new ProducerBuilder<byte[]?, byte[]?>(config)
                .SetLogHandler((_, message) => log.OnLog(message))
                .SetErrorHandler((_, error) =>
                {
                    log.OnError(error);
                    if (error.IsFatal) _fatal = true;
                })
                .Build();
        }

        public IProducer<byte[]?, byte[]?> Producer { get; }

        public bool Fatal => _fatal;
    }
}
