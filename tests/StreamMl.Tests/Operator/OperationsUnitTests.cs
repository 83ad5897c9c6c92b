using StreamMl.Core.Operations;
using StreamMl.Core.Registry;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Slices;
using StreamMl.Streams.Ingestion;
using Xunit;

namespace StreamMl.Tests.Operator;

/// <summary>The pure parts of the operator surface: the slice directory, the model timeline, counter deltas, consumer lag.</summary>
public sealed class OperationsUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static DriftSignal Signal(string kind, string feature = "label", string test = "ks") =>
        new(kind, feature, test, 0.3, 0.01, 0.001, 3, null, null, 6000, "v1");

    [Fact]
    public void The_directory_pages_and_filters_slices_in_id_order()
    {
        var directory = new SliceDirectory();
        foreach (var i in Enumerable.Range(0, 250)) directory.Opened($"user=u{i:000}");
        directory.Opened("*");
        directory.Figures("user=u007", new SliceFigures(42, "v1", null, false, T0, []));

        var page = directory.Page(prefix: "user=", contains: null, offset: 100, limit: 50);
        var filtered = directory.Page(prefix: null, contains: "U00", offset: 0, limit: 100);

        Assert.Equal(250, page.Total);
        Assert.Equal("user=u100", page.Items[0].Id);
        Assert.Equal(50, page.Items.Count);
        Assert.Equal(10, filtered.Total);
        Assert.Equal(42, filtered.Items.Single(s => s.Id == "user=u007").Events);
        Assert.Null(filtered.Items.Single(s => s.Id == "user=u001").Events);
        Assert.Equal(251, directory.Page(null, null, 0, 1).Total);
    }

    [Fact]
    public void The_most_recent_slices_are_those_mentioned_last_by_the_journal_or_by_newer_figures()
    {
        var directory = new SliceDirectory();
        foreach (var id in new[] { "a", "b", "c", "d" }) directory.Opened(id);
        directory.Figures("b", new SliceFigures(1, "v1", null, false, T0, []));
        directory.Signalled("a", Signal("drift"), T0);
        // The same figures again (a replicated map read twice) and older ones mention nothing new.
        directory.Figures("b", new SliceFigures(1, "v1", null, false, T0, []));
        directory.Figures("d", new SliceFigures(0, "v1", null, false, T0.AddSeconds(-1), []));
        directory.Figures("d", new SliceFigures(0, "v1", null, false, T0.AddSeconds(-2), []));

        Assert.Equal(["d", "a", "b"], directory.MostRecent(3));
        Assert.Equal(["d", "a", "b", "c"], directory.MostRecent(10));
        Assert.Empty(directory.MostRecent(0));
    }

    [Fact]
    public void The_directory_folds_drift_signals_into_alarms_and_a_timed_history()
    {
        var directory = new SliceDirectory();
        directory.Signalled("*", Signal("drift"), T0);
        directory.Signalled("*", Signal("drift", "nswprice", "psi"), T0.AddSeconds(1));
        directory.Signalled("*", Signal("recovered"), T0.AddSeconds(5));

        var alarms = directory.Drift().Single().Alarms;
        Assert.Equal("nswprice", Assert.Single(alarms).Feature);
        Assert.Equal(new Dictionary<string, int> { ["psi"] = 1 }, directory.ActiveAlarmsByTest());
        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(5)], directory.History("*")!.Select(h => h.At));
        Assert.Single(directory.Drift(alarmedOnly: true));
        Assert.Null(directory.History("nowhere"));
    }

    [Fact]
    public void Figures_keep_the_newest_quality_windows_of_earlier_checkpoints()
    {
        var first = new SliceFigures(100, "v1", null, false, T0, [new WindowQuality("v1", 0, 50, 0.8, null)]);
        var second = new SliceFigures(200, "v1", null, false, T0.AddSeconds(2), [new WindowQuality("v1", 1, 50, 0.7, null)]);

        var merged = second.After(first);
        var many = Enumerable.Range(0, 100).Aggregate((SliceFigures?)null, (f, i) =>
            new SliceFigures(i, null, null, false, T0, [new WindowQuality("v2", i, 10, 0.5, null)]).After(f))!;

        Assert.Equal([0L, 1L], merged.Quality.Select(q => q.Window));
        Assert.Equal(200, merged.Events);
        Assert.Equal(SliceFigures.MaxQualityPoints, many.Quality.Count);
        Assert.Equal(99, many.Quality[^1].Window);
    }

    [Fact]
    public void The_model_timeline_counts_runs_by_outcome()
    {
        var timeline = new ModelTimeline();
        var gate = new GateDecision(true, "accuracy", 0.8, 0.85, [], ["better"]);
        timeline.Apply(new ModelPromoted("v1", ServingModes.Full, 0, null, "import", T0));
        timeline.Apply(new GateDecided("r1", "v2", gate, T0.AddMinutes(1)));
        timeline.Apply(new GateDecided("r2", "v3", gate with { Passed = false }, T0.AddMinutes(2)));
        timeline.Apply(new TrainingFailed("r3", "no examples", T0.AddMinutes(3)));
        timeline.Apply(new ModelRefused("v2", "node-b", 2, "bad hash", T0.AddMinutes(4)));

        Assert.Equal(1, timeline.Runs[RunOutcomes.Passed]);
        Assert.Equal(1, timeline.Runs[RunOutcomes.Rejected]);
        Assert.Equal(1, timeline.Runs[RunOutcomes.Failed]);
        Assert.Equal(["promoted", "gate-passed", "gate-rejected", "training-failed", "refused"], timeline.Steps(10).Select(s => s.Kind));
        Assert.Equal("node-b", timeline.Steps(1).Single().Node);
    }

    [Fact]
    public void The_timeline_shows_an_online_version_s_checkpoints_with_its_updates_and_the_node_that_wrote_them()
    {
        var timeline = new ModelTimeline();
        timeline.Apply(new OnlineCheckpointRecorded("v1", new OnlineCheckpoint(0, 1200, 1150, 50, 0, "ab12", 4096, "node-a"), T0));

        var step = timeline.Steps(1).Single();
        Assert.Equal(("online-checkpoint", "v1", "node-a"), (step.Kind, step.Version, step.Node));
        Assert.Equal("1150 updates at label-log offset 1200, 50 duplicates", step.Detail);
    }

    [Fact]
    public void Counter_deltas_treat_a_lower_reading_as_a_restart()
    {
        var deltas = new CounterDeltas();
        Assert.Equal(5, deltas.Increment("bucket-1", 5));
        Assert.Equal(3, deltas.Increment("bucket-1", 8));
        Assert.Equal(2, deltas.Increment("bucket-1", 2));
        Assert.Equal(0, deltas.Increment("bucket-1", 2));
    }

    [Fact]
    public void Consumer_lag_is_read_from_librdkafka_statistics_for_assigned_partitions_only()
    {
        const string json = """
            {"topics":{"streamml.events":{"partitions":{
              "0":{"desired":true,"fetch_state":"active","consumer_lag":12},
              "1":{"desired":false,"fetch_state":"none","consumer_lag":-1},
              "2":{"desired":true,"fetch_state":"active","consumer_lag":-1},
              "-1":{"desired":false,"consumer_lag":-1}}}}}
            """;

        var lags = ConsumerLagStatistics.Parse(json);

        Assert.Equal([new PartitionLag("streamml.events", 0, 12)], lags);
    }
}
