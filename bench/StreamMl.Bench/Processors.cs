using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Streams.Kafka;

namespace StreamMl.Bench;

/// <summary>Something that turns the events topic into an output topic, with counters the benchmark reads.</summary>
public interface IProcessor : IAsyncDisposable
{
    void Start();

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the first consumed record, once there is one.</summary>
    long? FirstConsumedAt { get; }

    /// <summary>Records whose output the broker has acknowledged.</summary>
    long Completed { get; }

    /// <summary>Label records read from the labels topic.</summary>
    long LabelsConsumed { get; }

    /// <summary>When known exactly, the timestamp at which <see cref="Completed"/> last grew; otherwise null.</summary>
    long? CompletedAt { get; }
}

/// <summary>
/// A bare stream processor: consume, produce a copy, store the offset once the copy is acknowledged; label records
/// are read and their offsets stored. No parsing, no model; the same client configurations as StreamMl.
/// </summary>
public sealed class BaselineProcessor : IProcessor
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _loop;
    private long _first;
    private long _completed;
    private long _completedAt;
    private long _labels;

    public BaselineProcessor(string bootstrap)
    {
        var kafka = new KafkaClientSettings(bootstrap, "bench-baseline", "bench-baseline");
        // No headers, as StreamMl's KafkaRecordSource; the topic too, which tells events from labels in this one consumer
        // (StreamMl has one consumer per topic, and names the topic of a record itself).
        var consumerConfig = kafka.CreateConsumerConfig();
        consumerConfig.ConsumeResultFields = "topic,timestamp";
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig).Build();
        _producer = new ProducerBuilder<byte[]?, byte[]?>(kafka.CreateProducerConfig()).Build();
        _loop = new Thread(Loop) { IsBackground = true, Name = "baseline" };
    }

    public long? FirstConsumedAt => Volatile.Read(ref _first) is var t and not 0 ? t : null;
    public long Completed => Interlocked.Read(ref _completed);
    public long? CompletedAt => Volatile.Read(ref _completedAt) is var t and not 0 ? t : null;
    public long LabelsConsumed => Interlocked.Read(ref _labels);

    public void Start()
    {
        _consumer.Subscribe([EndToEndBenchmark.EventsTopic, LateLabelFeeder.LabelsTopic]);
        _loop.Start();
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF) continue;
            if (record.Topic == LateLabelFeeder.LabelsTopic)
            {
                _consumer.StoreOffset(record);
                Interlocked.Increment(ref _labels);
                continue;
            }
            if (_first == 0) Volatile.Write(ref _first, Stopwatch.GetTimestamp());
            var copy = new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value };
            BenchEvents.Produce(_producer, EndToEndBenchmark.OutputTopic, copy, report =>
            {
                if (report.Error.IsError) return;
                _consumer.StoreOffset(record);
                Interlocked.Increment(ref _completed);
                Volatile.Write(ref _completedAt, Stopwatch.GetTimestamp());
            });
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop.IsAlive) _loop.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _consumer.Close();
        _consumer.Dispose();
        _producer.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A real StreamMl node (SQLite, one model) consuming the events topic; counts come from its ingestion counters.</summary>
public sealed class NodeProcessor : IProcessor
{
    private readonly WebApplication _node;
    private readonly IngestionService _ingestion;
    private readonly LabelIngestionService _labels;
    private readonly Thread _watch;
    private readonly CancellationTokenSource _stop = new();
    private long _first;

    private NodeProcessor(WebApplication node)
    {
        _node = node;
        _ingestion = node.Services.GetRequiredService<IngestionService>();
        _labels = node.Services.GetRequiredService<LabelIngestionService>();
        _watch = new Thread(Watch) { IsBackground = true, Name = "node-watch" };
        _watch.Start();
    }

    /// <summary>Starts the node; it begins consuming as soon as it has joined its cluster and the consumer group.</summary>
    /// <param name="metrics">Whether the node keeps its Prometheus metrics (StreamMl:Metrics:Enabled).</param>
    public static async Task<NodeProcessor> Start(string dataDirectory, string spec, string model, string bootstrap, bool metrics = true)
    {
        var (node, _) = LocalNode.Build(dataDirectory, spec, model, bootstrap,
            new Dictionary<string, string?> { ["StreamMl:Metrics:Enabled"] = metrics ? "true" : "false" });
        var processor = new NodeProcessor(node);
        await node.StartAsync();
        return processor;
    }

    public long? FirstConsumedAt => Volatile.Read(ref _first) is var t and not 0 ? t : null;
    public long Completed => _ingestion.Counters.Answered + _ingestion.Counters.DeadLetters;
    public long? CompletedAt => null;
    public long LabelsConsumed => _labels.Consumed;

    public void Start()
    {
    }

    /// <summary>Notes when the pipeline first reports consumed records (it counts them per batch, within the batch window).</summary>
    private void Watch()
    {
        while (!_stop.IsCancellationRequested && _first == 0)
        {
            if (_ingestion.Counters.Consumed > 0) Volatile.Write(ref _first, Stopwatch.GetTimestamp());
            else Thread.Sleep(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _watch.Join();
        await _node.StopAsync(CancellationToken.None);
        await _node.DisposeAsync();
        _stop.Dispose();
    }
}
