using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Kafka;

namespace StreamMl.Bench;

/// <summary>
/// Writes the benchmark's late labels to the labels topic while a variant runs: the label of event <c>i</c> once
/// <c>i + lag</c> events are answered (the last <c>lag</c> labels once all events are), so that labels follow the
/// predictions at a stated distance, as ground truth that becomes known a while after each prediction.
/// </summary>
public sealed class LateLabelFeeder : IDisposable
{
    public const string LabelsTopic = "streamml.labels";
    private static readonly TopicPartition Labels = new(LabelsTopic, Partition.Any);
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
            Headers = BenchEvents.NoHeaders,
        }).ToArray();
        _processor = processor;
        _lag = lag;
        // No delivery reports: the feeder is the outside world, and its reports would be allocations the measured
        // process makes for neither variant. Flush on disposal still waits for every label to be sent.
        var config = new KafkaClientSettings(bootstrap, clientId: "bench-labels").CreateProducerConfig();
        config.EnableDeliveryReports = false;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
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
            // The last labels follow once every event is answered: no later events would bring them due.
            var completed = _processor.Completed;
            var due = completed >= _labels.Length ? _labels.Length : completed - _lag;
            if (due <= next)
            {
                Thread.Sleep(1);
                continue;
            }
            for (; next < due; next++) BenchEvents.Produce(_producer, Labels, _labels[next]);
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
