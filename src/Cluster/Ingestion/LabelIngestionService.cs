using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;
using StreamMl.Actors.Labels;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Spec;
using StreamMl.Streams.Ingestion;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Reads late labels from the labels topic (its own consumer group, shared by every ingest node) and
/// hands them to the label-join buckets. A malformed label goes to the dead-letter topic with its
/// reason. Offsets are stored only once every bucket of a batch has taken its labels and every dead
/// letter is acknowledged: labels are at-least-once, and a repeated label is counted, not joined twice.
/// A consumer that fails (the broker unreachable past the producer's timeout, say) is restarted with
/// back-off, as the event ingestion is, rather than leaving the node without labels until it restarts.
/// </summary>
public sealed class LabelIngestionService(
    NodeSettings settings,
    CompiledSpec spec,
    IRequiredActor<LabelJoinRegion> labelJoins,
    ILogger<LabelIngestionService> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private long _consumed;
    private long _joined;
    private long _deadLetters;

    /// <summary>Label records read since the node started.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);
    /// <summary>Labels joined at once to a waiting prediction (more join later, when their prediction arrives).</summary>
    public long Joined => Interlocked.Read(ref _joined);
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Consumes until the node stops; a consumer that fails is restarted with back-off from the committed offsets.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var region = await labelJoins.GetAsync(stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Factory.StartNew(() => Consume(region, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The label consumer failed; restarting from the committed offsets in {Backoff}", backoff);
            }
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private void Consume(IActorRef region, CancellationToken stoppingToken)
    {
        var kafka = new KafkaClientSettings(settings.Kafka.BootstrapServers!, $"{settings.Kafka.GroupId}.labels", $"streamml-labels-{NodeHost.NodeName(settings)}")
        {
            GroupProtocol = settings.Kafka.GroupProtocol == "classic" ? GroupProtocol.Classic : GroupProtocol.Consumer,
        };
        var log = new KafkaClientLog(logger, "label consumer");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(kafka.CreateConsumerConfig())
            .SetErrorHandler((_, e) => log.OnError(e))
            .WithLog(log)
            .Build();
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(kafka.CreateProducerConfig()).WithLog(new KafkaClientLog(logger, "label dead-letter producer")).Build();
        var decoder = new EventDecoder(spec);
        consumer.Subscribe(settings.Kafka.LabelsTopic);
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(BatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                batch.Clear();
                var deadline = DateTime.UtcNow + BatchWindow;
                while (batch.Count < BatchSize)
                {
                    var wait = batch.Count == 0 ? TimeSpan.FromMilliseconds(200) : deadline - DateTime.UtcNow;
                    if (wait <= TimeSpan.Zero) break;
                    var result = consumer.Consume(wait);
                    if (result is null || result.IsPartitionEOF) break;
                    batch.Add(result);
                }
                if (batch.Count == 0) continue;
                Deliver(batch, decoder, region, producer, stoppingToken);
                foreach (var record in batch) consumer.StoreOffset(record);
                Interlocked.Add(ref _consumed, batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(10));
            consumer.Close();
        }
    }

    /// <summary>Hands a batch to its buckets and dead-letters what does not parse; retries until both are done (or the node stops).</summary>
    private void Deliver(List<ConsumeResult<byte[]?, byte[]?>> batch, EventDecoder decoder, IActorRef region, IProducer<byte[]?, byte[]?> producer, CancellationToken stoppingToken)
    {
        var byBucket = new Dictionary<string, List<ArrivedLabel>>(StringComparer.Ordinal);
        var deadLetters = new List<Task<DeliveryResult<byte[]?, byte[]?>>>();
        foreach (var record in batch)
        {
            var decoded = decoder.DecodeLabel(record.Message.Value ?? []);
            if (decoded.Rejection is { } reason)
            {
                deadLetters.Add(producer.ProduceAsync(settings.Kafka.DeadLetterTopic, DeadLetterMessage.Create(record, reason), stoppingToken));
                continue;
            }
            var bucket = LabelBuckets.Of(decoded.Id!, settings.Labels.Buckets);
            if (!byBucket.TryGetValue(bucket, out var labels)) byBucket[bucket] = labels = [];
            labels.Add(new ArrivedLabel(decoded.Id!, decoded.Label));
        }
        Task.WhenAll(deadLetters).GetAwaiter().GetResult();
        Interlocked.Add(ref _deadLetters, deadLetters.Count);
        var backoff = TimeSpan.FromMilliseconds(500);
        while (byBucket.Count > 0)
        {
            foreach (var (bucket, labels) in byBucket.ToList())
            {
                try
                {
                    var accepted = region.Ask<LabelsAccepted>(new LabelsArrived(bucket, labels), AskTimeout, stoppingToken).GetAwaiter().GetResult();
                    Interlocked.Add(ref _joined, accepted.Joined);
                    byBucket.Remove(bucket);
                }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Label bucket {Bucket} did not answer; retrying in {Backoff}", bucket, backoff);
                }
            }
            if (byBucket.Count > 0) Task.Delay(backoff, stoppingToken).GetAwaiter().GetResult();
        }
    }
}
