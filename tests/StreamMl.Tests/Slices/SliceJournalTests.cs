using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using StreamMl.Actors.Slices;
using StreamMl.Bench.Drift;
using StreamMl.Core.Slices;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>What a slice journals of its drift signals, and the alarms it rebuilds from the journal alone.</summary>
public sealed class SliceJournalTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_s_signals_are_one_journal_event_and_a_batch_without_signals_is_none()
    {
        DriftSignal[] signals =
        [
            new(DriftSignalKinds.Drift, "label", "ChiSquared", 83.3, 0.001, 1e-20, 1, Start, Start, 2000, "v1", 2000, 1),
            new(DriftSignalKinds.Recovered, "x", "KolmogorovSmirnov", 0.01, 0.001, 0.9, 1, Start, Start, 2000, "v1", 1000, 1),
        ];

        var events = SliceDriftJournal.EventsFor("*", signals);

        Assert.Equal(signals, Assert.Single(events).Signals);
        Assert.Empty(SliceDriftJournal.EventsFor("*", []));
    }

    [Fact]
    public void The_journal_event_travels_through_the_slice_serializer_under_its_own_short_manifest()
    {
        var serializer = new SliceProtocolSerializer((ExtendedActorSystem)Sys);
        var recorded = new SliceDriftRecorded("*",
        [
            new(DriftSignalKinds.Drift, "error", "ADWIN", 0.12, null, null, null, null, null, 23_296, "v1", 23_296, 1),
            new(DriftSignalKinds.Drift, "x", "Wasserstein", 0.39, 0.25, 2.3e-13, 40, Start, Start.AddMinutes(1), 41_000, "v1", 41_000, 1),
        ]);

        var back = (SliceDriftRecorded)serializer.FromBinary(serializer.ToBinary(recorded), serializer.Manifest(recorded));

        Assert.Equal("DR", serializer.Manifest(recorded));
        Assert.Equal(recorded.Signals, back.Signals);
    }

    [Fact]
    public async Task Alarms_come_back_from_the_journal_alone_after_a_crash_before_any_snapshot()
    {
        var spec = RegionStream.Spec(window: 1000, errorDetector: "None");
        var slice = Sys.ActorOf(SliceEntity.Props("region=r0", spec));
        slice.Tell(new RecordObservations("region=r0", "run-1", 1, Window(500, 0)));
        slice.Tell(new RecordObservations("region=r0", "run-1", 2, Window(700, 1)));
        var before = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("region=r0"), Timeout);
        Watch(slice);
        slice.Tell(PoisonPill.Instance);
        ExpectTerminated(slice);

        var revived = Sys.ActorOf(SliceEntity.Props("region=r0", spec));
        var after = await revived.Ask<SliceStatisticsReply>(new GetSliceStatistics("region=r0"), Timeout);

        Assert.Contains(before.Summary.Drift.Alarms, a => a.Feature == "label");
        Assert.Equal(0, after.Summary.Events); // no snapshot: the statistics are the ingestion's to resend
        Assert.Equal(before.Summary.Drift.Alarms, after.Summary.Drift.Alarms);
    }

    [Fact]
    public async Task A_journal_of_one_event_per_signal_as_slices_wrote_it_before_still_rebuilds_the_alarms()
    {
        var raised = new DriftSignal(DriftSignalKinds.Drift, "label", "ChiSquared", 83.3, 0.0025, 1e-20, 1, Start, Start, 2000, "v1");
        var error = new DriftSignal(DriftSignalKinds.Drift, "error", "ADWIN", null, null, null, null, null, null, 2300, "v1");
        var recovered = error with { Kind = DriftSignalKinds.Recovered, AtEvent = 4000 };
        await Write(SliceEntity.PersistencePrefix + "region=r1",
            new SliceOpened("region=r1"), new SliceDriftSignalled("region=r1", raised), new SliceDriftSignalled("region=r1", error),
            new SliceDriftSignalled("region=r1", recovered));

        var slice = Sys.ActorOf(SliceEntity.Props("region=r1", RegionStream.Spec(window: 1000)));
        var reply = await slice.Ask<SliceStatisticsReply>(new GetSliceStatistics("region=r1"), Timeout);

        Assert.Equal([raised], reply.Summary.Drift.Alarms);
    }

    /// <summary>1,000 rows, <paramref name="positives"/> of them labelled 1, every prediction right.</summary>
    private static ObservationBatch Window(int positives, int index) => new(
        Enumerable.Range(0, 1000).Select(i =>
        {
            var label = i < positives ? 1.0 : 0.0;
            return new Observation([i % 10, i % 7, i % 3], ["r0"], label, label, label == 1);
        }).ToList(),
        Start.AddMinutes(index),
        "v1");

    /// <summary>Persists <paramref name="events"/> under <paramref name="persistenceId"/>, as an older build of the slice would have.</summary>
    private async Task Write(string persistenceId, params object[] events)
    {
        var writer = Sys.ActorOf(Props.Create(() => new JournalWriter(persistenceId)));
        await writer.Ask<Done>(events, Timeout);
        Watch(writer);
        writer.Tell(PoisonPill.Instance);
        ExpectTerminated(writer);
    }

    private sealed class JournalWriter : ReceivePersistentActor
    {
        public JournalWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object[]>(events =>
            {
                var sender = Sender;
                PersistAll(events, _ => { });
                DeferAsync(Done.Instance, done => sender.Tell(done));
            });
        }

        public override string PersistenceId { get; }
    }
}
