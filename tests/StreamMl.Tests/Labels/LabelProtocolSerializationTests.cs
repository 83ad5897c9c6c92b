using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using Xunit;

namespace StreamMl.Tests.Labels;

/// <summary>The label join's messages cross nodes (ingest nodes to buckets on slice nodes, the admin endpoint to every bucket): they survive the wire.</summary>
public sealed class LabelProtocolSerializationTests : TestKit
{
    private readonly LabelProtocolSerializer _serializer;

    public LabelProtocolSerializationTests() => _serializer = new LabelProtocolSerializer((ExtendedActorSystem)Sys);

    [Fact]
    public void Predictions_waiting_for_labels_survive_the_wire()
    {
        var e = new ValidEvent("e-1", new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.FromHours(1)), [0.5, double.NaN, 0.25], ["red", null],
            ["morning", null], null, ["*", "dayPart=morning"]);
        var sent = new PredictionsIssued("labels-3", [new PendingPrediction(e, [new ScoredBy("v1", 0.8, true, false), new ScoredBy("v2", -1.5, null, true)])]);

        var received = RoundTrip(sent);

        Assert.Equal("labels-3", received.Bucket);
        var prediction = Assert.Single(received.Predictions);
        Assert.Equal(e.Id, prediction.Event.Id);
        Assert.Equal(e.Time, prediction.Event.Time);
        Assert.Equal(e.Time!.Value.Offset, prediction.Event.Time!.Value.Offset);
        Assert.Equal(e.Numeric, prediction.Event.Numeric);
        Assert.Equal(e.Categorical, prediction.Event.Categorical);
        Assert.Equal(e.Derived, prediction.Event.Derived);
        Assert.Null(prediction.Event.Label);
        Assert.Equal(e.Slices, prediction.Event.Slices);
        Assert.Equal(sent.Predictions[0].Scores, prediction.Scores);
    }

    [Fact]
    public void A_prediction_only_its_serving_model_answered_keeps_that_answer_inline_and_no_array_across_the_wire()
    {
        var e = new ValidEvent("e-2", null, [1.5], [], [], null, ["*"]);
        var sent = new PendingPrediction(e, [new ScoredBy("v7", 0.25, false, false)], revealedLabels: [1, 0]);
        Assert.Null(sent.Others);

        var received = Assert.Single(RoundTrip(new PredictionsIssued("labels-1", [sent])).Predictions);

        Assert.Equal(new ScoredBy("v7", 0.25, false, false), received.First);
        Assert.Null(received.Others);
        Assert.Equal(1, received.ScoreCount);
        Assert.Equal([1.0, 0.0], received.RevealedLabels!);
        Assert.Throws<ArgumentException>(() => new PendingPrediction(e, Array.Empty<ScoredBy>()));
    }

    [Fact]
    public void Labels_and_their_acknowledgement_survive_the_wire()
    {
        var received = RoundTrip(new LabelsArrived("labels-0", [new ArrivedLabel("a", 1), new ArrivedLabel("b", 0)]));
        Assert.Equal("labels-0", received.Bucket);
        Assert.Equal([new ArrivedLabel("a", 1), new ArrivedLabel("b", 0)], received.Labels);
        Assert.Equal(new LabelsAccepted("labels-0", 2), RoundTrip(new LabelsAccepted("labels-0", 2)));
    }

    [Fact]
    public void Counters_survive_the_wire()
    {
        Assert.Equal(new GetLabelJoinCounters("labels-9"), RoundTrip(new GetLabelJoinCounters("labels-9")));
        var reply = new LabelJoinCountersReply("labels-9", new LabelJoinCounters(10, 2, 3, 1, 4, 5), PendingPredictions: 7, WaitingLabels: 8);

        Assert.Equal(reply, RoundTrip(reply));
    }

    private T RoundTrip<T>(T message) where T : notnull
    {
        var manifest = _serializer.Manifest(message);
        return Assert.IsType<T>(_serializer.FromBinary(_serializer.ToBinary(message), manifest));
    }
}
