using Akka.Actor;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Core.Quality;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>The node's batcher of the label-join buckets' outcomes: one message per slice per flush, nothing lost, order kept.</summary>
public sealed class SliceOutcomeBatcherTests : TestKit
{
    private static Outcome[] Outcomes(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Outcome("v1", i / 1000.0, i % 2 == 0, i % 3 == 0 ? 1 : 0)).ToArray();

    [Fact]
    public void Outcomes_of_many_messages_reach_each_slice_in_one_message_in_their_order_once_the_flush_interval_is_over()
    {
        var slices = CreateTestProbe();
        var batcher = Sys.ActorOf(SliceOutcomeBatcher.Props(slices, TimeSpan.FromMilliseconds(300)));
        var (a1, b1, a2, a3) = (Outcomes(0, 3), Outcomes(100, 2), Outcomes(200, 4), Outcomes(300, 1));

        batcher.Tell(new RecordOutcomes("a", a1));
        batcher.Tell(new RecordOutcomes("b", b1));
        batcher.Tell(new RecordOutcomes("a", a2));
        batcher.Tell(new RecordOutcomes("b", []));
        batcher.Tell(new RecordOutcomes("a", a3));

        slices.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        var sent = new[] { slices.ExpectMsg<RecordOutcomes>(), slices.ExpectMsg<RecordOutcomes>() }.ToDictionary(m => m.SliceId, m => m.Outcomes);
        Assert.Equal([.. a1, .. a2, .. a3], sent["a"]);
        Assert.Equal(b1, sent["b"]);
        slices.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        // The next outcomes start a new interval and a new message.
        batcher.Tell(new RecordOutcomes("b", Outcomes(400, 2)));
        Assert.Equal(Outcomes(400, 2), slices.ExpectMsg<RecordOutcomes>(TimeSpan.FromSeconds(3)).Outcomes);
    }

    [Fact]
    public void As_many_outcomes_as_may_wait_are_sent_at_once_without_waiting_for_the_interval()
    {
        var slices = CreateTestProbe();
        var batcher = Sys.ActorOf(SliceOutcomeBatcher.Props(slices, TimeSpan.FromHours(1), maxWaiting: 10));

        batcher.Tell(new RecordOutcomes("a", Outcomes(0, 6)));
        slices.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        batcher.Tell(new RecordOutcomes("b", Outcomes(6, 4)));

        var sent = new[] { slices.ExpectMsg<RecordOutcomes>(), slices.ExpectMsg<RecordOutcomes>() }.ToDictionary(m => m.SliceId, m => m.Outcomes);
        Assert.Equal(Outcomes(0, 6), sent["a"]);
        Assert.Equal(Outcomes(6, 4), sent["b"]);
        slices.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Outcomes_still_waiting_when_the_batcher_stops_are_sent()
    {
        var slices = CreateTestProbe();
        var batcher = Sys.ActorOf(SliceOutcomeBatcher.Props(slices, TimeSpan.FromHours(1)));

        batcher.Tell(new RecordOutcomes("a", Outcomes(0, 5)));
        batcher.Tell(PoisonPill.Instance);

        var sent = slices.ExpectMsg<RecordOutcomes>();
        Assert.Equal("a", sent.SliceId);
        Assert.Equal(Outcomes(0, 5), sent.Outcomes);
    }

    [Fact]
    public void A_run_of_outcomes_reads_as_one_list_in_order_and_crosses_the_wire_as_one()
    {
        var run = new OutcomeRun(0);
        Outcome[][] parts = [Outcomes(0, 3), [], Outcomes(10, 1), Outcomes(20, 4)];
        foreach (var part in parts) run.Add(part);
        Outcome[] all = [.. parts.SelectMany(p => p)];

        Assert.Equal(8, run.Count);
        Assert.Equal(4, run.Parts);
        Assert.Equal(all, run);
        Assert.Equal(all, Enumerable.Range(0, run.Count).Select(i => run[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => run[8]);
        Assert.Throws<ArgumentOutOfRangeException>(() => run[-1]);

        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var sent = new RecordOutcomes("a", run);
        var received = (RecordOutcomes)serializer.FromBinary(serializer.ToBinary(sent), serializer.Manifest(sent));
        Assert.Equal("a", received.SliceId);
        Assert.Equal(all, received.Outcomes);
    }
}
