using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Confluent.Kafka;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Serving;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Ingestion;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Runs this node's share of the ingestion consumer group. A failed pipeline is restarted with
/// back-off from the last committed offsets; on shutdown the records already read are finished
/// and their offsets committed before the actor system stops.
/// </summary>
public sealed class IngestionService(
    NodeSettings settings,
    CompiledSpec spec,
    ModelHost models,
    ActorSystem system,
    IRequiredActor<SliceRegion> slices,
    IRequiredActor<LabelJoinRegion> labelJoins,
    IRequiredActor<ExampleWriter> exampleWriter,
    ILogger<IngestionService> logger) : BackgroundService
{
    private static readonly TimeSpan SliceTimeout = TimeSpan.FromSeconds(30);

    /// <summary>This node's ingestion totals since it started, across pipeline restarts.</summary>
    public IngestionCounters Counters { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kafka = new KafkaClientSettings(settings.Kafka.BootstrapServers!, settings.Kafka.GroupId, $"streamml-{settings.Cluster.Hostname}-{settings.Cluster.Port}")
        {
            GroupProtocol = settings.Kafka.GroupProtocol == "classic" ? GroupProtocol.Classic : GroupProtocol.Consumer,
        };
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(kafka.CreateProducerConfig())
            .WithLog(new KafkaClientLog(logger, "producer"))
            .Build();
        var region = await slices.GetAsync(stoppingToken);
        var handler = new SlicedBatchHandler(models, region, await labelJoins.GetAsync(stoppingToken), await exampleWriter.GetAsync(stoppingToken),
            settings.Labels.Buckets, SliceTimeout);
        var decoder = new EventDecoder(spec);
        var options = new IngestionOptions
        {
            EventsTopic = settings.Kafka.EventsTopic,
            PredictionsTopic = settings.Kafka.PredictionsTopic,
            DeadLetterTopic = settings.Kafka.DeadLetterTopic,
            BatchSize = settings.Ingestion.BatchSize,
            BatchWindow = TimeSpan.FromMilliseconds(settings.Ingestion.BatchWindowMs),
            BatchesInFlight = settings.Ingestion.BatchesInFlight,
            CheckpointInterval = TimeSpan.FromMilliseconds(settings.Ingestion.CheckpointIntervalMs),
        };
        var backoff = TimeSpan.FromSeconds(1);
        var materializer = system.Materializer();
        while (!stoppingToken.IsCancellationRequested)
        {
            var pipeline = new IngestionPipeline(kafka.CreateConsumerConfig(), producer, decoder, handler, options, Counters, logger);
            var running = pipeline.Run(materializer);
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
            try
            {
                await pipeline.StopAsync(running).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested) break;
                logger.LogWarning("The ingestion pipeline completed unexpectedly; restarting");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The ingestion pipeline failed; restarting from the committed offsets in {Backoff}", backoff);
            }
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
