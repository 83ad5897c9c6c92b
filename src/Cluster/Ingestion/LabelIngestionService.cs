using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;
using StreamMl.Actors.Labels;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Ingestion;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Reads late labels from the labels topic (its own consumer group, shared by every ingest node) and hands them to
/// the label-join buckets. A malformed label goes to the dead-letter topic with its reason. Offsets are stored only
/// once every bucket took its labels: labels are at-least-once, and a repeated label is counted, not joined twice.
/// </summary>
public sealed class LabelIngestionService(
    NodeSettings settings,
    CompiledSpec spec,
    ActorSystem system,
    NodeProducer producer,
    IRequiredActor<LabelJoinRegion> labelJoins,
    Operations.PipelineObservers observers,
    ILogger<LabelIngestionService> logger) : PipelineService<ArrivedLabel, IReadOnlyList<LabelDelivery>>(system, producer, logger)
{
    private static readonly TimeSpan BucketTimeout = TimeSpan.FromSeconds(5);
    private LabelBatchHandler? _handler;

    /// <summary>Label records read since the node started.</summary>
    public long Consumed => Counters.Consumed;
    /// <summary>Labels joined at once to a waiting prediction (more join later, when their prediction arrives).</summary>
    public long Joined => _handler?.Joined ?? 0;
    public long DeadLetters => Counters.DeadLetters;

    protected override string Name => "labels";

    protected override ConsumerConfig ConsumerConfig() =>
        new KafkaClientSettings(settings.Kafka.BootstrapServers!, $"{settings.Kafka.GroupId}.labels", $"streamml-labels-{NodeHost.NodeName(settings)}")
        {
            GroupProtocol = settings.Kafka.GroupProtocol == "classic" ? GroupProtocol.Classic : GroupProtocol.Consumer,
        }.CreateConsumerConfig();

    protected override BatchPipelineOptions PipelineOptions() => new()
    {
        Topic = settings.Kafka.LabelsTopic,
        DeadLetterTopic = settings.Kafka.DeadLetterTopic,
        BatchSize = 1000,
        BatchWindow = TimeSpan.FromMilliseconds(50),
        BatchesInFlight = 2,
        CheckpointInterval = TimeSpan.FromMilliseconds(settings.Ingestion.CheckpointIntervalMs),
        Observer = observers.Labels,
    };

    protected override async Task<IBatchHandler<ArrivedLabel, IReadOnlyList<LabelDelivery>>> CreateHandler(CancellationToken cancellationToken) =>
        _handler ??= new LabelBatchHandler(new EventDecoder(spec), await labelJoins.GetAsync(cancellationToken), settings.Labels.Buckets, BucketTimeout);
}
