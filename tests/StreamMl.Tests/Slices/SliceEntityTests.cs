using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

public sealed class SliceEntityTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_slice_comes_back_unchanged_after_a_checkpoint_or_a_hand_off(bool checkpointFirst)
    {
        var slice = Sys.ActorOf(SliceEntity.Props("dayPart=night", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(4500), 500, _start).ToList();

        long total = 0;
        foreach (var batch in batches)
            total = (await slice.Ask<ObservationsAcknowledged>(new RecordObservations("dayPart=night", batch), Timeout)).TotalEvents;
        var before = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("dayPart=night"), Timeout);
        Watch(slice);
        if (checkpointFirst)
        {
            var taken = await slice.Ask<SnapshotTaken>(new TakeSnapshot("dayPart=night"), Timeout);
            Assert.Equal(4500, taken.TotalEvents);
            slice.Tell(PoisonPill.Instance);
        }
        else
        {
            // What sharding sends on hand-off and passivation: the slice saves unsaved state before it stops.
            slice.Tell(StopSlice.Instance);
        }
        ExpectTerminated(slice);

        var revived = Sys.ActorOf(SliceEntity.Props("dayPart=night", SliceTestData.Spec));
        var after = await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("dayPart=night"), Timeout);

        Assert.Equal(4500, total);
        Assert.Equal(4500, after.Summary.Events);
        Assert.Equal(Serialize(before), Serialize(after));
    }

    [Fact]
    public async Task A_checkpoint_covers_batches_recorded_while_a_snapshot_was_being_saved()
    {
        var slice = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(3000), 500, _start).ToList();

        var checkpoints = new List<Task<SnapshotTaken>>();
        foreach (var batch in batches)
        {
            slice.Tell(new RecordObservations("*", batch));
            checkpoints.Add(slice.Ask<SnapshotTaken>(new TakeSnapshot("*"), Timeout));
        }
        var taken = await Task.WhenAll(checkpoints);
        ReceiveN(batches.Count);
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);
        var revived = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));

        // Each answer covers at least the batches recorded before its request.
        for (var i = 0; i < taken.Length; i++)
            Assert.True(taken[i].TotalEvents >= 500L * (i + 1), $"checkpoint {i} covered {taken[i].TotalEvents} events");
        Assert.Equal(3000, (await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("*"), Timeout)).Summary.Events);
    }

    [Fact]
    public void Every_slice_protocol_message_round_trips_through_its_serializer()
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var state = SliceState.Empty("*", SliceTestData.Spec);
        var batch = SliceTestData.Batches(SliceTestData.Rows(2500), 2500, _start).Single();
        state.Record(batch, SliceTestData.Spec);
        ISliceProtocol[] messages =
        [
            new RecordObservations("*", batch),
            new ObservationsAcknowledged("*", 2500),
            new GetSliceStatistics("*"),
            new TakeSnapshot("*"),
            new SnapshotTaken("*", 2500),
            StopSlice.Instance,
            new SliceOpened("*"),
            new SliceSnapshot(state),
            new SliceStatisticsReply("*", SliceSummary.From(state)),
        ];

        foreach (var message in messages)
        {
            var manifest = serializer.Manifest(message);
            var copy = serializer.FromBinary(serializer.ToBinary(message), manifest);
            Assert.Equal(message.GetType(), copy.GetType());
            Assert.Equal(serializer.ToBinary(message), serializer.ToBinary(copy));
        }
        var snapshot = (SliceSnapshot)serializer.FromBinary(serializer.ToBinary(new SliceSnapshot(state)), "SS");
        Assert.True(snapshot.State.Lifetime.Equals(state.Lifetime));
        Assert.True(snapshot.State.LastWindow!.Statistics.Equals(state.LastWindow!.Statistics));
    }

    private string Serialize(SliceStatisticsReply reply) =>
        System.Text.Encoding.UTF8.GetString(new SliceProtocolSerializer((ExtendedActorSystem)Sys).ToBinary(reply));
}
