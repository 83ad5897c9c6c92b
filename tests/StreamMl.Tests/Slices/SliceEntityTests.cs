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

    private readonly DateTimeOffset _start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_slice_acknowledges_each_batch_and_comes_back_unchanged_after_a_restart()
    {
        var options = new SliceEntityOptions { SnapshotEveryBatches = 3 };
        var slice = Sys.ActorOf(SliceEntity.Props("dayPart=night", SliceTestData.Spec, options));
        var batches = SliceTestData.Batches(SliceTestData.Rows(4500), 500, _start).ToList();

        long total = 0;
        foreach (var batch in batches)
            total = (await slice.Ask<ObservationsAcknowledged>(new RecordObservations("dayPart=night", batch), TimeSpan.FromSeconds(5))).TotalEvents;
        var before = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("dayPart=night"), TimeSpan.FromSeconds(5));
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);

        // Recovery goes through the last snapshot (after batch 9) and any journaled batches after it.
        var revived = Sys.ActorOf(SliceEntity.Props("dayPart=night", SliceTestData.Spec, options));
        var after = await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("dayPart=night"), TimeSpan.FromSeconds(5));

        Assert.Equal(4500, total);
        Assert.Equal(4500, after.Summary.Events);
        Assert.Equal(Serialize(before), Serialize(after));
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
            new ObservationsRecorded(batch),
            new SliceSnapshot(state),
            new SliceStatisticsReply("*", SliceSummary.From(state, SliceTestData.Spec)),
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
