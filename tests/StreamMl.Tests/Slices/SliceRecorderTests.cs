using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>
/// The ingestion's side of the slice protocol against real slice entities behind a region that loses messages and
/// restarts slices: whatever is lost, a checkpoint ends with every batch in every slice exactly once.
/// </summary>
public sealed class SliceRecorderTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Batches_lost_on_the_way_or_with_a_restarted_slice_are_resent_and_counted_once()
    {
        var region = Sys.ActorOf(Props.Create(() => new LossyRegion()));
        var recorder = new SliceRecorder(region, "node-a/run-1", Timeout, maxUnsavedRows: 100_000);
        var batches = SliceTestData.Batches(SliceTestData.Rows(6000), 500, _start).ToList();

        var receipts = new List<SliceReceipt>();
        for (var i = 0; i < 4; i++) receipts.Add(await Record(recorder, batches[i]));
        Assert.True((await recorder.MakeDurableAsync(receipts, CancellationToken.None)).Durable);

        // Batch 5 of "*" is lost; then "dayPart=night" restarts from its snapshot, losing batches 6 and 7.
        region.Tell(new LossyRegion.DropNext("*", 1));
        receipts = [await Record(recorder, batches[4])];
        receipts.Add(await Record(recorder, batches[5]));
        receipts.Add(await Record(recorder, batches[6]));
        region.Tell(new LossyRegion.Restart("dayPart=night"));
        for (var i = 7; i < 12; i++) receipts.Add(await Record(recorder, batches[i]));
        Assert.True((await recorder.MakeDurableAsync(receipts, CancellationToken.None)).Durable);

        Assert.Equal(0, recorder.UnsavedRows);
        Assert.Equal(6000, await Events(region, "*"));
        Assert.Equal(6000, await Events(region, "dayPart=night"));
        Assert.Equal(12, (await region.Ask<SnapshotTaken>(new TakeSnapshot("*", recorder.Source), Timeout)).Applied);
    }

    [Fact]
    public async Task A_slice_that_does_not_answer_fails_the_checkpoint_and_keeps_its_batches_for_the_next()
    {
        var region = Sys.ActorOf(Props.Create(() => new LossyRegion()));
        var recorder = new SliceRecorder(region, "node-a/run-1", TimeSpan.FromSeconds(2), maxUnsavedRows: 100_000);
        var batch = SliceTestData.Batches(SliceTestData.Rows(500), 500, _start).Single();

        var receipt = await Record(recorder, batch);
        region.Tell(new LossyRegion.DropNext("*", 1000));
        Assert.False((await recorder.MakeDurableAsync([receipt], CancellationToken.None)).Durable);
        Assert.Equal(500, recorder.UnsavedRows);

        region.Tell(new LossyRegion.DropNext("*", 0));
        Assert.True((await recorder.MakeDurableAsync([receipt], CancellationToken.None)).Durable);
        Assert.Equal(0, recorder.UnsavedRows);
        Assert.Equal(500, await Events(region, "*"));
    }

    [Fact]
    public async Task Recording_waits_while_the_unsaved_bound_is_reached_until_a_checkpoint_makes_room()
    {
        var region = Sys.ActorOf(Props.Create(() => new LossyRegion()));
        var recorder = new SliceRecorder(region, "node-a/run-1", Timeout, maxUnsavedRows: 1000);
        var batches = SliceTestData.Batches(SliceTestData.Rows(1500), 500, _start).ToList();
        var first = await recorder.RecordAsync(new Dictionary<string, ObservationBatch> { ["*"] = batches[0], ["x"] = batches[1] }, CancellationToken.None);

        var blocked = recorder.RecordAsync(new Dictionary<string, ObservationBatch> { ["*"] = batches[2] }, CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted);

        Assert.True((await recorder.MakeDurableAsync([first], CancellationToken.None)).Durable);
        await blocked.WaitAsync(Timeout);
    }

    private static ValueTask<SliceReceipt> Record(SliceRecorder recorder, ObservationBatch batch) =>
        recorder.RecordAsync(new Dictionary<string, ObservationBatch> { ["*"] = batch, ["dayPart=night"] = batch }, CancellationToken.None);

    private static async Task<long> Events(IActorRef region, string slice) =>
        (await region.Ask<SliceStatisticsReply>(new GetSliceStatistics(slice), Timeout)).Summary.Events;

    /// <summary>Routes slice messages to slice entities by id, like a shard region, but can drop messages and restart a slice.</summary>
    private sealed class LossyRegion : ReceiveActor
    {
        private readonly Dictionary<string, int> _drop = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _incarnation = new(StringComparer.Ordinal);

        public sealed record DropNext(string Slice, int Count);

        public sealed record Restart(string Slice);

        public LossyRegion()
        {
            Receive<DropNext>(d => _drop[d.Slice] = d.Count);
            Receive<Restart>(r =>
            {
                // A crash: the entity stops without a snapshot, and the next message starts it from its last one.
                var child = Entity(r.Slice);
                Context.Stop(child);
                _incarnation[r.Slice] = _incarnation.GetValueOrDefault(r.Slice) + 1;
            });
            Receive<IWithSliceId>(m =>
            {
                if (m is RecordObservations && _drop.TryGetValue(m.SliceId, out var n) && n > 0)
                {
                    _drop[m.SliceId] = n - 1;
                    return;
                }
                if (m is TakeSnapshot && _drop.GetValueOrDefault(m.SliceId) > 0) return;
                Entity(m.SliceId).Forward(m);
            });
        }

        private IActorRef Entity(string slice)
        {
            var name = $"{Uri.EscapeDataString(slice)}-{_incarnation.GetValueOrDefault(slice)}";
            var child = Context.Child(name);
            return !child.IsNobody() ? child : Context.ActorOf(SliceEntity.Props(slice, SliceTestData.Spec), name);
        }
    }
}
