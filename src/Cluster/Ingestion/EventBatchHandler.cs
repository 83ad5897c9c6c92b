using Akka.Actor;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Slices;
using StreamMl.Core.Ingestion;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Routing;
using StreamMl.Core.Serving;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Answers a batch of events: scores and routes it (<see cref="BatchRouter"/>) with the node's serving set, read
/// once per batch; hands each slice its observations through the <see cref="SliceRecorder"/>, the unlabelled
/// predictions to their label-join buckets and the labelled events to the example writer, all without waiting;
/// appends the labelled events to the label log when an online model serves (the batch is answered once they are in
/// it); and returns the predictions. A checkpoint makes the slices' batches durable.
/// </summary>
public sealed class EventBatchHandler(
    EventDecoder decoder,
    ModelHost models,
    SliceRecorder slices,
    IActorRef labelJoins,
    IActorRef exampleWriter,
    ILearningLog learningLog,
    int labelBuckets) : IBatchHandler<ValidEvent, SliceReceipt>
{
    private readonly bool _labelsComeLate = decoder.Spec.Spec.Label.Late;

    public Decoded<ValidEvent> Decode(ReadOnlySpan<byte> value)
    {
        var result = decoder.Decode(value);
        return new Decoded<ValidEvent>(result.Event, result.Rejection);
    }

    public async ValueTask<HandledBatch<SliceReceipt>> HandleAsync(IReadOnlyList<ValidEvent> events, CancellationToken cancellationToken)
    {
        var routed = BatchRouter.Route(models.Require(), events, DateTimeOffset.UtcNow, labelBuckets, _labelsComeLate);
        foreach (var (bucket, waiting) in routed.Pending) labelJoins.Tell(new PredictionsIssued(bucket, waiting));
        if (routed.Labelled.Count > 0) exampleWriter.Tell(new AppendExamples(routed.Labelled));
        var learnt = routed.ToLearn.Count > 0 ? learningLog.AppendAsync(routed.ToLearn, cancellationToken) : null;
        var receipt = await slices.RecordAsync(routed.Slices, cancellationToken).ConfigureAwait(false);
        if (learnt is not null) await learnt.ConfigureAwait(false);
        return new HandledBatch<SliceReceipt>(new PredictionAnswers(routed.Predictions), receipt);
    }

    public Task<Durability> MakeDurableAsync(IReadOnlyList<SliceReceipt> receipts, CancellationToken cancellationToken) =>
        slices.MakeDurableAsync(receipts, cancellationToken);
}
