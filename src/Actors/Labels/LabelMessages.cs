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

/// <summary>What a bucket holds and has done since it started.</summary>
public sealed record LabelJoinCountersReply(string Bucket, LabelJoinCounters Counters) : ILabelProtocol;

/// <summary>Labelled events for the training example store (sent to the node's <see cref="ExampleWriter"/>).</summary>
public sealed record AppendExamples(IReadOnlyList<ValidEvent> Events);
