using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;

namespace StreamMl.Actors.Labels;

/// <summary>Marker of the label join's messages (bound to the model protocol serializer).</summary>
public interface ILabelProtocol;

/// <summary>A message for one label-join bucket entity.</summary>
public interface IWithBucket
{
    string Bucket { get; }
}

/// <summary>Unlabelled predictions of one ingestion batch that fall in a bucket: they wait there for their labels.</summary>
public sealed record PredictionsIssued(string Bucket, IReadOnlyList<PendingPrediction> Predictions) : IWithBucket, ILabelProtocol;

/// <summary>A late label as read from the labels topic.</summary>
public sealed record ArrivedLabel(string Id, double Label);

/// <summary>Late labels for a bucket; answered with <see cref="LabelsAccepted"/> once joined or parked.</summary>
public sealed record LabelsArrived(string Bucket, IReadOnlyList<ArrivedLabel> Labels) : IWithBucket, ILabelProtocol;

public sealed record LabelsAccepted(string Bucket, int Joined) : ILabelProtocol;

/// <summary>Ask a bucket for its counters; answered with <see cref="LabelJoinCountersReply"/>.</summary>
public sealed record GetLabelJoinCounters(string Bucket) : IWithBucket, ILabelProtocol;

/// <summary>What a bucket has done since it started, and what waits in it now.</summary>
/// <param name="Counters">The join's counters since the bucket started.</param>
/// <param name="PendingPredictions">Predictions waiting for their label.</param>
/// <param name="WaitingLabels">Labels waiting for their prediction (early, or for an id that was never predicted).</param>
/// <param name="PendingBytes">The estimated memory the waiting predictions take.</param>
public sealed record LabelJoinCountersReply(string Bucket, LabelJoinCounters Counters, int PendingPredictions, int WaitingLabels, long PendingBytes = 0) : ILabelProtocol;

/// <summary>Labelled events for the training example store (sent to the node's <see cref="ExampleWriter"/>).</summary>
public sealed record AppendExamples(IReadOnlyList<ValidEvent> Events);
