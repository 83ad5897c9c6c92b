using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Slices;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Quality;
using Xunit;

namespace StreamMl.Tests.Labels;

/// <summary>A label-join bucket turning joins into outcomes for every slice of the event and into training examples.</summary>
public sealed class LabelJoinEntityTests : TestKit
{
    [Fact]
    public void Each_slice_gets_the_outcomes_of_its_events_for_every_scoring_model_in_order_and_each_join_one_example()
    {
        var slices = CreateTestProbe();
        var examples = CreateTestProbe();
        var bucket = Sys.ActorOf(LabelJoinEntity.Props("labels-0", TimeSpan.FromHours(1), 1000, long.MaxValue, slices, examples));
        var a = new ValidEvent("a", null, [1.0], [], [], null, ["*", "s=a"]);
        var b = new ValidEvent("b", null, [2.0], [], [], null, ["*", "s=b"]);
        var c = new ValidEvent("c", null, [3.0], [], [], null, ["*", "s=a"]);

        bucket.Tell(new PredictionsIssued("labels-0", [
            new PendingPrediction(a, [new ScoredBy("v1", 0.9, true, false), new ScoredBy("v2", 0.2, false, true)]),
            new PendingPrediction(b, [new ScoredBy("v1", 0.3, false, false)]),
            new PendingPrediction(c, [new ScoredBy("v1", 0.6, true, false)]),
        ]));
        bucket.Tell(new LabelsArrived("labels-0", [new ArrivedLabel("b", 0), new ArrivedLabel("a", 1), new ArrivedLabel("x", 1)]), TestActor);

        // The bucket recovers from the journal before its first message; at the start of a loaded test run the actor
        // system and the JIT can take longer than the default three seconds for that.
        ExpectMsg<LabelsAccepted>(m => Assert.Equal(2, m.Joined), TimeSpan.FromSeconds(20));
        var outcomes = new[] { slices.ExpectMsg<RecordOutcomes>(), slices.ExpectMsg<RecordOutcomes>(), slices.ExpectMsg<RecordOutcomes>() }
            .ToDictionary(m => m.SliceId, m => m.Outcomes);
        slices.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Outcome B1 = new("v1", 0.3, false, 0), A1 = new("v1", 0.9, true, 1), A2 = new("v2", 0.2, false, 1, Shadow: true);
        Assert.Equal([B1, A1, A2], outcomes["*"]);
        Assert.Equal([B1], outcomes["s=b"]);
        Assert.Equal([A1, A2], outcomes["s=a"]);
        var appended = examples.ExpectMsg<AppendExamples>().Examples;
        Assert.Equal(["b", "a"], appended.Select(e => e.Event.Id));
        Assert.Equal([0.0, 1.0], appended.Select(e => e.Label));
        Assert.Equal([b.Slices, a.Slices], appended.Select(e => e.Event.Slices));
    }
}
