using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Core.Quality;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Slices;

public sealed class SliceEntityTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private const string Source = "node-a/run-1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_slice_comes_back_unchanged_after_a_checkpoint_or_a_hand_off(bool checkpointFirst)
    {
        var slice = Sys.ActorOf(SliceEntity.Props("dayPart=night", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(4500), 500, _start).ToList();

        for (var i = 0; i < batches.Count; i++) slice.Tell(new RecordObservations("dayPart=night", Source, i + 1, batches[i]));
        var before = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("dayPart=night"), Timeout);
        Watch(slice);
        if (checkpointFirst)
        {
            var taken = await slice.Ask<SnapshotTaken>(new TakeSnapshot("dayPart=night", Source), Timeout);
            Assert.Equal((4500, 9), (taken.TotalEvents, taken.Applied));
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

        Assert.Equal(4500, after.Summary.Events);
        Assert.Equal(9, (await revived.Ask<SnapshotTaken>(new TakeSnapshot("dayPart=night", Source), Timeout)).Applied);
        Assert.Equal(Serialize(before), Serialize(after));
    }

    [Fact]
    public async Task Batches_the_source_no_longer_holds_are_skipped_and_the_next_ones_are_applied()
    {
        var slice = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(3000), 500, _start).ToList();
        for (var i = 0; i < 2; i++) slice.Tell(new RecordObservations("*", Source, i + 1, batches[i]));
        // Batches 3 and 4 were released on a superseded snapshot: batch 5 is a gap until the slice is told to skip them.
        slice.Tell(new RecordObservations("*", Source, 5, batches[4]));
        Assert.Equal(2, (await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout)).Applied);

        slice.Tell(new SkipBatches("*", Source, 4));
        slice.Tell(new RecordObservations("*", Source, 5, batches[4]));
        slice.Tell(new RecordObservations("*", Source, 6, batches[5]));
        var taken = await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout);

        Assert.Equal((2000L, 6L), (taken.TotalEvents, taken.Applied));
        slice.Tell(new SkipBatches("*", Source, 3)); // already past it: nothing changes
        Assert.Equal(6, (await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout)).Applied);
    }

    [Fact]
    public async Task A_checkpoint_covers_batches_recorded_while_a_snapshot_was_being_saved()
    {
        var slice = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(3000), 500, _start).ToList();

        var checkpoints = new List<Task<SnapshotTaken>>();
        for (var i = 0; i < batches.Count; i++)
        {
            slice.Tell(new RecordObservations("*", Source, i + 1, batches[i]));
            checkpoints.Add(slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout));
        }
        var taken = await Task.WhenAll(checkpoints);
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);
        var revived = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));

        // Each answer covers at least the batches recorded before its request.
        for (var i = 0; i < taken.Length; i++)
        {
            Assert.True(taken[i].TotalEvents >= 500L * (i + 1), $"checkpoint {i} covered {taken[i].TotalEvents} events");
            Assert.True(taken[i].Applied >= i + 1, $"checkpoint {i} covered batch {taken[i].Applied}");
        }
        Assert.Equal(3000, (await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("*"), Timeout)).Summary.Events);
    }

    [Fact]
    public async Task A_woken_slice_answers_once_it_has_recovered_its_state()
    {
        var slice = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(1500), 500, _start).ToList();
        for (var i = 0; i < batches.Count; i++) slice.Tell(new RecordObservations("*", Source, i + 1, batches[i]));
        Assert.Equal(1500, (await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout)).TotalEvents);
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);

        var awake = await Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec)).Ask<SliceAwake>(new WakeSlice("*"), Timeout);

        Assert.Equal(new SliceAwake("*", 1500), awake);
    }

    [Fact]
    public void Every_slice_protocol_message_round_trips_through_its_serializer()
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var state = SliceState.Empty("*", SliceTestData.Spec);
        var batch = SliceTestData.Batches(SliceTestData.Rows(2500), 2500, _start).Single() with { ShadowOutcomes = ShadowOutcomes(2500) };
        state.Record(batch, SliceTestData.Spec);
        state.Progress.Admit(Source, 1, _start);
        ISliceProtocol[] messages =
        [
            new RecordObservations("*", Source, 7, batch),
            new RecordOutcomes("*", LateOutcomes(300)),
            new GetSliceStatistics("*"),
            new WakeSlice("*"),
            new SliceAwake("*", 2500),
            new TakeSnapshot("*", Source),
            new SkipBatches("*", Source, 6),
            new SnapshotTaken("*", 2500, 7),
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
        Assert.Equal(1, snapshot.State.Progress.Applied(Source));
    }

    [Fact]
    public void A_snapshot_keeps_the_renewals_its_slice_holds_for_the_window_s_end()
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var spec = SliceDriftTests.Spec("Adwin");
        var state = SliceState.Empty("*", spec);
        var random = new Random(3);
        for (var b = 0; b <= 10; b++) state.Record(SliceDriftTests.ErrorBatch(random, b), spec);
        var held = Assert.Single(state.Drift.HeldRenewals);

        var restored = ((SliceSnapshot)serializer.FromBinary(serializer.ToBinary(new SliceSnapshot(state)), "SS")).State;

        Assert.Equal(held, Assert.Single(restored.Drift.HeldRenewals));
    }

    [Fact]
    public void A_snapshot_with_quality_survives_serialisation_unchanged()
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var state = SliceState.Empty("*", SliceTestData.Spec);
        // elec2's window is 2,000 events: 4,500 labelled rows and 2,300 late labels close three of v1's quality windows.
        foreach (var batch in SliceTestData.Batches(SliceTestData.Rows(4500), 500, _start))
            state.Record(batch with { ModelVersion = "v1", ShadowOutcomes = ShadowOutcomes(batch.Rows.Count) }, SliceTestData.Spec);
        state.RecordOutcomes(LateOutcomes(2300), SliceTestData.Spec);
        Assert.Equal(new[] { "v1", "v2-shadow" }, state.Quality.Versions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, state.Quality.Versions["v1"].WindowIndex);

        var bytes = serializer.ToBinary(new SliceSnapshot(state));
        var restored = ((SliceSnapshot)serializer.FromBinary(bytes, serializer.Manifest(new SliceSnapshot(state)))).State;

        Assert.True(restored.Quality.Equals(state.Quality));
        Assert.Equal(bytes, serializer.ToBinary(new SliceSnapshot(restored)));
        Assert.Equal(SliceSummary.From(state).Quality["v1"], SliceSummary.From(restored).Quality["v1"]);
        // Restored state goes on exactly as the original.
        foreach (var s in new[] { state, restored }) s.RecordOutcomes(LateOutcomes(50), SliceTestData.Spec);
        Assert.True(restored.Quality.Equals(state.Quality));
    }

    [Fact]
    public async Task Late_outcomes_journal_and_publish_their_drift_signals_and_come_back_after_a_checkpoint()
    {
        var spec = new CompiledSpec(SliceTestData.Spec.Spec with { Drift = new DriftSpec { ErrorDetector = "Adwin" } });
        var alerts = CreateTestProbe();
        Sys.EventStream.Subscribe(alerts, typeof(SliceAlertRaised));
        var slice = Sys.ActorOf(SliceEntity.Props("demandLevel=high", spec));
        var batch = SliceTestData.Batches(SliceTestData.Rows(500), 500, _start).Single();
        var unlabelled = new ObservationBatch(batch.Rows.Select(r => r with { Label = null }).ToList(), batch.ObservedAt, "v1");
        slice.Tell(new RecordObservations("demandLevel=high", Source, 1, unlabelled));

        var random = new Random(3);
        for (var b = 0; b < 8; b++)
        {
            var failing = b >= 4;
            var outcomes = Enumerable.Range(0, 500).Select(_ =>
            {
                var label = random.Next(2);
                var right = random.NextDouble() >= (failing ? 0.5 : 0.05);
                return new Outcome("v1", right == (label == 1) ? 0.8 : 0.2, right ? label == 1 : label == 0, label);
            }).ToList();
            slice.Tell(new RecordOutcomes("demandLevel=high", outcomes));
        }

        // Errors jump from 5% to 50% after 2,000 late labels: the detector raises one alarm, journaled and published.
        var alert = alerts.ExpectMsg<SliceAlertRaised>(Timeout);
        Assert.Equal(("demandLevel=high", SliceDrift.ErrorStream, DriftSignalKinds.Drift, "v1"),
            (alert.SliceId, alert.Signal.Feature, alert.Signal.Kind, alert.Signal.ModelVersion));
        var before = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("demandLevel=high"), Timeout);
        Assert.Equal(500, before.Summary.Events); // late labels add no events
        var quality = before.Summary.Quality["v1"];
        Assert.Equal(4000, quality.Lifetime.Count);
        Assert.Equal(2, quality.WindowIndex);
        Assert.InRange(quality.LastWindow!.Accuracy!.Value, 0.45, 0.55);
        Assert.Contains(before.Summary.Drift.Alarms, a => a.Feature == SliceDrift.ErrorStream);

        await slice.Ask<SnapshotTaken>(new TakeSnapshot("demandLevel=high", Source), Timeout);
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);
        var revived = Sys.ActorOf(SliceEntity.Props("demandLevel=high", spec));
        var after = await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("demandLevel=high"), Timeout);

        Assert.Equal(Serialize(before), Serialize(after));
    }

    [Fact]
    public async Task A_slice_applies_each_source_s_batches_once_and_in_order_and_reports_how_far_it_got()
    {
        var slice = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        var batches = SliceTestData.Batches(SliceTestData.Rows(3000), 500, _start).ToList();

        slice.Tell(new RecordObservations("*", Source, 1, batches[0]));
        slice.Tell(new RecordObservations("*", Source, 1, batches[0]));           // resent: not counted again
        slice.Tell(new RecordObservations("*", Source, 3, batches[2]));           // batch 2 was lost: skipped
        slice.Tell(new RecordObservations("*", "node-b/run-1", 1, batches[5]));   // another source counts on its own
        var taken = await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout);

        Assert.Equal((1000, 1), (taken.TotalEvents, taken.Applied));
        // The source resends from the gap, in order; its duplicates are ignored.
        for (var i = 1; i < 5; i++) slice.Tell(new RecordObservations("*", Source, i + 1, batches[i]));
        slice.Tell(new RecordObservations("*", Source, 2, batches[1]));
        taken = await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout);
        Assert.Equal((3000, 5), (taken.TotalEvents, taken.Applied));
        Assert.Equal(1, (await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", "node-b/run-1"), Timeout)).Applied);
        Assert.Equal(0, (await slice.Ask<SnapshotTaken>(new TakeSnapshot("*", "never-seen"), Timeout)).Applied);
    }

    [Fact]
    public async Task A_restarted_slice_snapshots_under_a_new_sequence_number_so_a_late_stale_write_cannot_replace_it()
    {
        var batches = SliceTestData.Batches(SliceTestData.Rows(1000), 500, _start).ToList();
        var first = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        first.Tell(new RecordObservations("*", Source, 1, batches[0]));
        await first.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout);
        var before = await LatestSnapshot("slice|*");
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        // A new incarnation, as after a crash: its predecessor's save could still be on its way to the store.
        var second = Sys.ActorOf(SliceEntity.Props("*", SliceTestData.Spec));
        second.Tell(new RecordObservations("*", Source, 2, batches[1]));
        var taken = await second.Ask<SnapshotTaken>(new TakeSnapshot("*", Source), Timeout);
        var after = await LatestSnapshot("slice|*");

        Assert.Equal(2, taken.Applied);
        Assert.True(after.SequenceNr > before.SequenceNr, $"snapshot at {after.SequenceNr}, the predecessor's at {before.SequenceNr}");
    }

    private async Task<Akka.Persistence.SnapshotMetadata> LatestSnapshot(string persistenceId)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var result = await store.Ask<Akka.Persistence.LoadSnapshotResult>(
            new Akka.Persistence.LoadSnapshot(persistenceId, Akka.Persistence.SnapshotSelectionCriteria.Latest, long.MaxValue), Timeout);
        return result.Snapshot!.Metadata;
    }

    /// <summary>Labelled outcomes of a shadow model that is right on every other row.</summary>
    private static List<Outcome> ShadowOutcomes(int count) =>
        Enumerable.Range(0, count).Select(i => new Outcome("v2-shadow", i % 2 == 0 ? 0.75 : 0.25, i % 2 == 0, i % 4 < 2 ? 1 : 0, Shadow: true)).ToList();

    /// <summary>Late labels of v1's predictions, with scores on a fine grid.</summary>
    private static List<Outcome> LateOutcomes(int count) =>
        Enumerable.Range(0, count).Select(i => new Outcome("v1", (i * 37 % 1000) / 1000.0, i * 37 % 1000 >= 500, i % 3 == 0 ? 1 : 0)).ToList();

    private string Serialize(SliceStatisticsReply reply) =>
        System.Text.Encoding.UTF8.GetString(new SliceProtocolSerializer((ExtendedActorSystem)Sys).ToBinary(reply));
}
