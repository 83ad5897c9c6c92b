using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Kafka;

namespace StreamMl.Tests.Support;

/// <summary>
/// Produces events at a steady rate, spreading them over the topic's partitions in turn, and remembers where each
/// one landed (partition and offset), so that a fault test can tell which answers belong to which partition.
/// </summary>
public sealed class PacedProducer(string bootstrapServers, string topic, int partitions)
{
    private readonly ConcurrentDictionary<string, TopicPartitionOffset> _placed = new(StringComparer.Ordinal);
    private long _failed;

    /// <summary>Where each acknowledged event landed, by id.</summary>
    public IReadOnlyDictionary<string, TopicPartitionOffset> Placed => _placed;

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Sends the events at <paramref name="perSecond"/> (until cancelled) and waits for every acknowledgement.</summary>
    public Task Run(IReadOnlyList<EventRecord> events, double perSecond, CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrapServers).CreateProducerConfig())
            .SetLogHandler((_, _) => { }).Build();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var wait = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            var e = events[i];
            producer.Produce(new TopicPartition(topic, i % partitions), new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(e.Id),
                Value = ElecEvents.Json(e),
            }, report =>
            {
                if (report.Error.IsError) Interlocked.Increment(ref _failed);
                else _placed[e.Id] = report.TopicPartitionOffset;
            });
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }, CancellationToken.None);
}
