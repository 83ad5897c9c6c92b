using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Kafka;

namespace StreamMl.Bench;

/// <summary>
/// Writes the benchmark's late labels to the labels topic while a variant runs: the label of event <c>i</c> once
/// <c>i + lag</c> events are answered, so that labels follow the predictions at a stated distance, as ground truth
/// that becomes known a while after each prediction.
/// </summary>
public sealed class LateLabelFeeder : IDisposable
{
    public const string LabelsTopic = "streamml.labels";
    private readonly Message<byte[]?, byte[]?>[] _labels;
    private readonly IProcessor _processor;
    private readonly int _lag;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _sent;

    public LateLabelFeeder(string bootstrap, IReadOnlyList<LabelRecord> labels, IProcessor processor, int lag)
    {
        _labels = labels.Select(l => new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(l.Id),
            Value = JsonSerializer.SerializeToUtf8Bytes(l, ContractsJsonContext.Default.LabelRecord),
        }).ToArray();
        _processor = processor;
        _lag = lag;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrap, clientId: "bench-labels").CreateProducerConfig()).Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-labels" };
    }

    /// <summary>Labels handed to the producer so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public void Start() => _thread.Start();

    private void Run()
    {
        var next = 0;
        while (!_stop.IsCancellationRequested && next < _labels.Length)
        {
            var due = Math.Min(_labels.Length, _processor.Completed - _lag);
            if (due <= next)
            {
                Thread.Sleep(1);
                continue;
            }
            for (; next < due; next++) BenchEvents.Produce(_producer, LabelsTopic, _labels[next]);
            Interlocked.Exchange(ref _sent, next);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _stop.Dispose();
    }
}
