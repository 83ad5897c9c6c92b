using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Labels;

/// <summary>Unlabelled predictions of one ingestion batch that fall in a bucket: they wait there for their labels.</summary>
public sealed record PredictionsIssued(string Bucket, IReadOnlyList<PendingPrediction> Predictions) : IWithBucket, ILabelProtocol;

/// <summary>A late label as read from the labels topic.</summary>
public sealed record ArrivedLabel(string Id, double Label);

/// <summary>Late labels for a bucket; answered with <see cref="LabelsAccepted"/> once joined or parked.</summary>
public sealed record LabelsArrived(string Bucket, IReadOnlyList<ArrivedLabel> Labels) : IWithBucket, ILabelProtocol;

public sealed record LabelsAccepted(string Bucket, int Joined) : ILabelProtocol;

/// <summary>Labelled events for the training example store (sent to the node's <see cref="ExampleWriter"/>).</summary>
public sealed record AppendExamples(IReadOnlyList<TrainingExample> Examples);
