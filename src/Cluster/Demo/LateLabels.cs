using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Demo;

/// <summary>
/// Splits labelled events into events without their label and late labels: each label is written to
/// the labels topic once <see cref="Lag"/> later events have been handed to the events producer, as
/// ground truth that becomes known a while after the prediction.
/// </summary>
public sealed class LateLabels(string bootstrapServers, string topic, int lag) : IDisposable
{
    private readonly ConcurrentQueue<LabelRecord> _waiting = new();
    private readonly IProducer<byte[]?, byte[]?> _producer =
        new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrapServers, clientId: "streamml-demo-labels").CreateProducerConfig())
            // Failures surface as unacknowledged labels in the summary; librdkafka's own lines would garble the progress line.
            .SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
    private long _sent;
    private long _failed;

    public int Lag => lag;

    /// <summary>Labels acknowledged by the broker.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The events without their labels; their labels queue up here as the events are read.</summary>
    public IEnumerable<EventRecord> Unlabelled(IEnumerable<EventRecord> events)
    {
        foreach (var e in events)
        {
            yield return e with { Label = null };
            if (e.Label is { IsMissing: false } label) _waiting.Enqueue(new LabelRecord(e.Id, label));
            while (_waiting.Count > lag && _waiting.TryDequeue(out var due)) Send(due);
        }
    }

    /// <summary>Sends the labels still waiting and waits for the broker to acknowledge every label.</summary>
    public long Flush(TimeSpan timeout)
    {
        while (_waiting.TryDequeue(out var due)) Send(due);
        _producer.Flush(timeout);
        if (Interlocked.Read(ref _failed) > 0) throw new InvalidOperationException($"{_failed} labels were not acknowledged by the broker");
        return Sent;
    }

    private void Send(LabelRecord label) =>
        _producer.Produce(topic, new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(label.Id),
            Value = JsonSerializer.SerializeToUtf8Bytes(label, ContractsJsonContext.Default.LabelRecord),
        }, report =>
        {
            if (report.Error.IsError) Interlocked.Increment(ref _failed);
            else Interlocked.Increment(ref _sent);
        });

    public void Dispose() => _producer.Dispose();
}
