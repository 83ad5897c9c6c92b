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
}

/// <summary>
/// A bare stream processor: consume, produce a copy, store the offset once the copy is acknowledged; label records
/// are read and their offsets stored. As in StreamMl, each topic has a consumer of its own on a thread of its own, so
/// that labels are read as they come, not after the preloaded events. No parsing, no model; the same client
/// configurations as StreamMl, and, as its answers, copies produced with one shared empty header list (the client
/// makes a new one for a record without).
/// </summary>
public sealed class BaselineProcessor : IProcessor
{
    private readonly IConsumer<byte[]?, byte[]?> _events;
    private readonly IConsumer<byte[]?, byte[]?> _labelRecords;
    private static readonly TopicPartition Output = new(EndToEndBenchmark.OutputTopic, Partition.Any);
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _answering;
    private readonly Thread _reading;
    private long _first;
    private long _completed;
    private long _labels;

    public BaselineProcessor(string bootstrap)
    {
        _events = Consumer(bootstrap, "bench-baseline-events");
        _labelRecords = Consumer(bootstrap, "bench-baseline-labels");
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrap, "bench-baseline").CreateProducerConfig()).Build();
        _answering = new Thread(Answer) { IsBackground = true, Name = "baseline-events" };
        _reading = new Thread(ReadLabels) { IsBackground = true, Name = "baseline-labels" };
    }

    /// <summary>
    /// A consumer as StreamMl's: its client settings, and only the timestamp besides key, value, partition and offset
    /// (the loop names each record's topic itself, as StreamMl's source does, so that its offset can be stored).
    /// </summary>
    private static IConsumer<byte[]?, byte[]?> Consumer(string bootstrap, string group)
    {
        var config = new KafkaClientSettings(bootstrap, group, group).CreateConsumerConfig();
        config.ConsumeResultFields = "timestamp";
        return new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
    }

    public long? FirstConsumedAt => Volatile.Read(ref _first) is var t and not 0 ? t : null;
    public long Completed => Interlocked.Read(ref _completed);
    public long LabelsConsumed => Interlocked.Read(ref _labels);

    public void Start()
    {
        _events.Subscribe(EndToEndBenchmark.EventsTopic);
        _labelRecords.Subscribe(LateLabelFeeder.LabelsTopic);
        _answering.Start();
        _reading.Start();
    }

    private void Answer()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _events.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF) continue;
            record.Topic = EndToEndBenchmark.EventsTopic;
            if (_first == 0) Volatile.Write(ref _first, Stopwatch.GetTimestamp());
            var copy = new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = BenchEvents.NoHeaders };
            BenchEvents.Produce(_producer, Output, copy, report =>
            {
                if (report.Error.IsError) return;
                _events.StoreOffset(record);
                Interlocked.Increment(ref _completed);
            });
        }
    }

    private void ReadLabels()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _labelRecords.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF) continue;
            record.Topic = LateLabelFeeder.LabelsTopic;
            _labelRecords.StoreOffset(record);
            Interlocked.Increment(ref _labels);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_answering.IsAlive) _answering.Join();
        if (_reading.IsAlive) _reading.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        foreach (var consumer in new[] { _events, _labelRecords })
        {
            consumer.Close();
            consumer.Dispose();
        }
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
