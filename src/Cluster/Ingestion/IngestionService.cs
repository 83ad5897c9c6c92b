using Akka.Actor;
using Akka.Hosting;
using Confluent.Kafka;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Ingestion;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Serving;
using StreamMl.Core.Spec;
using StreamMl.Streams.Ingestion;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Runs this node's share of the events consumer group: every event is validated, answered with a prediction by the
/// node's serving set and recorded in its slices; a checkpoint makes the slices durable before offsets are stored.
/// </summary>
public sealed class IngestionService(
    NodeSettings settings,
    CompiledSpec spec,
    ModelHost models,
    ActorSystem system,
    NodeProducer producer,
    IRequiredActor<SliceRegion> slices,
    IRequiredActor<LabelJoinRegion> labelJoins,
    IRequiredActor<ExampleWriter> exampleWriter,
    ILearningLog learningLog,
    Operations.PipelineObservers observers,
    WarmStart warmStart,
    ILogger<IngestionService> logger) : PipelineService<ValidEvent, SliceReceipt>(system, producer, logger)
{
    /// <summary>
    /// How long a checkpoint waits for one slice's snapshot. A checkpoint runs beside the stream, so waiting costs
    /// nothing but later commits; too short a wait fails every checkpoint of a busy cluster.
    /// </summary>
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(15);

    private readonly EventDecoder _decoder = new(spec);

    protected override string Name => "ingestion";

    protected override ConsumerConfig ConsumerConfig() =>
        new KafkaClientSettings(settings.Kafka.BootstrapServers!, settings.Kafka.GroupId, $"streamml-{settings.Cluster.Hostname}-{settings.Cluster.Port}")
        {
            GroupProtocol = settings.Kafka.GroupProtocol == "classic" ? GroupProtocol.Classic : GroupProtocol.Consumer,
        }.CreateConsumerConfig();

    protected override BatchPipelineOptions PipelineOptions() => new()
    {
        Topic = settings.Kafka.EventsTopic,
        AnswersTopic = settings.Kafka.PredictionsTopic,
        DeadLetterTopic = settings.Kafka.DeadLetterTopic,
        BatchSize = settings.Ingestion.BatchSize,
        BatchWindow = TimeSpan.FromMilliseconds(settings.Ingestion.BatchWindowMs),
        BatchesInFlight = settings.Ingestion.BatchesInFlight,
        CheckpointInterval = TimeSpan.FromMilliseconds(settings.Ingestion.CheckpointIntervalMs),
        Observer = observers.Events,
    };

    /// <summary>
    /// A run is a new source for the slices: its batches are numbered afresh, and it resends only its own. It starts once
    /// the node serves a model (a node of an online spec gets its model from the registry) and, the first time, once the
    /// warm start has woken the slices and label buckets.
    /// </summary>
    protected override async Task<IBatchHandler<ValidEvent, SliceReceipt>> CreateHandler(CancellationToken cancellationToken)
    {
        await models.Served.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (warmStart.Report is null) await warmStart.Run(cancellationToken).ConfigureAwait(false);
        var source = $"{NodeHost.NodeName(settings)}/{Guid.NewGuid():N}";
        var recorder = new SliceRecorder(await slices.GetAsync(cancellationToken), source, SnapshotTimeout, settings.Ingestion.MaxUnsavedObservations);
        return new EventBatchHandler(_decoder, models, recorder, await labelJoins.GetAsync(cancellationToken),
            await exampleWriter.GetAsync(cancellationToken), learningLog, settings.Labels.Buckets);
    }
}
