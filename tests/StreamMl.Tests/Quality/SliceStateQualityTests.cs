using StreamMl.Core.Quality;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Quality;

/// <summary>How a slice's state feeds quality from inline labels, shadow outcomes and late labels.</summary>
public sealed class SliceStateQualityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static CompiledSpec Spec(string errorDetector = "None", int window = 1000) => new(new PipelineSpec
    {
        Name = "quality-test",
        Features = [new FeatureSpec { Name = "x", Kind = ColumnKind.Numeric, Min = 0, Max = 1 }],
        Label = new LabelSpec { Name = "y" },
        Model = new ModelSpec { Trainer = "FastTree" },
        Window = new WindowSpec { Events = window },
        Drift = new DriftSpec { ErrorDetector = errorDetector },
    });

    private static Observation Row(double? label, double score, string? version = null) =>
        new([score], [], label, score, score >= 0.5, version);

    [Fact]
    public void Inline_labels_count_towards_the_version_that_scored_each_row()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);
        ObservationBatch batch = new(
        [
            Row(1, 0.9), Row(0, 0.2), Row(null, 0.7), Row(1, 0.4, "v2-canary"), Row(0, 0.6), Row(0, 0.8, "v2-canary"),
        ], Start, "v1");

        state.Record(batch, spec);

        var v1 = state.Quality.Versions["v1"].Lifetime;
        var canary = state.Quality.Versions["v2-canary"].Lifetime;
        Assert.Equal(2, state.Quality.Versions.Count);
        Assert.Equal((3L, 1L, 1L, 1L, 0L), (v1.Count, v1.TruePositives, v1.TrueNegatives, v1.FalsePositives, v1.FalseNegatives));
        Assert.Equal((2L, 0L, 0L, 1L, 1L), (canary.Count, canary.TruePositives, canary.TrueNegatives, canary.FalsePositives, canary.FalseNegatives));
        Assert.Equal(5, state.Lifetime.Labels.Total);
        Assert.Equal(6, state.Lifetime.Events);
    }

    [Fact]
    public void Rows_of_a_batch_without_a_version_count_under_the_unknown_version()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);

        state.Record(new ObservationBatch([Row(1, 0.9), Row(0, 0.1)], Start), spec);

        Assert.Equal(2, state.Quality.Versions[SliceQuality.UnknownVersion].Lifetime.Count);
    }

    [Fact]
    public void Shadow_outcomes_count_towards_quality_only_and_never_feed_the_error_detector()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(7);
        var signals = new List<DriftSignal>();

        for (var b = 0; b < 10; b++)
        {
            var rows = new List<Observation>();
            var shadow = new List<Outcome>();
            for (var i = 0; i < 500; i++)
            {
                var label = random.Next(2);
                rows.Add(Row(label, label == 1 ? 0.9 : 0.1));
                // The shadow model turns wrong half-way: were it fed to the detector, it would raise an alarm.
                var wrong = b >= 4 && random.NextDouble() < 0.5;
                shadow.Add(new Outcome("v2-shadow", wrong == (label == 1) ? 0.1 : 0.9, wrong ? label == 0 : label == 1, label, Shadow: true));
            }
            signals.AddRange(state.Record(new ObservationBatch(rows, Start.AddMinutes(b), "v1", shadow), spec));
            signals.AddRange(state.RecordOutcomes(shadow, spec));
        }

        Assert.DoesNotContain(signals, s => s.Feature == SliceDrift.ErrorStream);
        Assert.DoesNotContain(state.Drift.Alarms.Values, a => a.Feature == SliceDrift.ErrorStream);
        Assert.False(state.Drift.ErrorWarning);
        // Only the served rows fed the detector and the label balance.
        Assert.Equal(5000, state.Drift.ErrorUpdatesSinceDetection);
        Assert.Equal(5000, state.Lifetime.Labels.Total);
        var shadowQuality = state.Quality.Versions["v2-shadow"];
        Assert.Equal(10_000, shadowQuality.Lifetime.Count);
        Assert.InRange(shadowQuality.Lifetime.Summary().Accuracy!.Value, 0.65, 0.75);
        Assert.Equal(1.0, state.Quality.Versions["v1"].Lifetime.Summary().Accuracy);
    }

    [Fact]
    public void Late_labels_count_in_quality_and_label_balance_and_feed_the_error_detector_but_move_no_window()
    {
        var spec = Spec("Adwin", window: 100);
        var state = SliceState.Empty(SliceKey.Global, spec);
        state.Record(new ObservationBatch([Row(null, 0.9), Row(null, 0.2), Row(null, 0.6)], Start, "v1"), spec);
        Outcome[] late = [new("v1", 0.9, true, 1), new("v1", 0.2, false, 1), new("v1", 0.6, true, 0), new("v2-shadow", 0.3, false, 0, Shadow: true)];

        var signals = state.RecordOutcomes(late, spec);

        Assert.Empty(signals);
        Assert.Equal(3, state.Lifetime.Events);
        Assert.Equal(3, state.Window.Events);
        Assert.Equal(new Dictionary<string, long> { ["0"] = 1, ["1"] = 2 }, state.Lifetime.Labels.Counts);
        Assert.Equal(new Dictionary<string, long> { ["0"] = 1, ["1"] = 2 }, state.Window.Labels.Counts);
        Assert.Equal(3, state.Drift.ErrorUpdatesSinceDetection);
        Assert.Equal(2, state.Drift.ErrorsSinceDetection);
        Assert.Equal(3, state.Quality.Versions["v1"].Lifetime.Count);
        Assert.Equal(1, state.Quality.Versions["v2-shadow"].Lifetime.Count);
    }

    [Fact]
    public void Late_labels_of_failing_predictions_raise_an_error_alarm_for_their_version()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(3);
        var signals = new List<DriftSignal>();

        for (var b = 0; b < 8; b++)
        {
            var failing = b >= 4;
            var outcomes = new List<Outcome>();
            for (var i = 0; i < 500; i++)
            {
                var label = random.Next(2);
                var right = random.NextDouble() >= (failing ? 0.5 : 0.05);
                outcomes.Add(new Outcome("v1", 0.5, right ? label == 1 : label == 0, label));
            }
            signals.AddRange(state.RecordOutcomes(outcomes, spec));
        }

        // Errors jump from 5% to 50% after 2,000 late labels.
        var alarm = Assert.Single(signals, s => s.Kind == DriftSignalKinds.Drift);
        Assert.Equal((SliceDrift.ErrorStream, "ADWIN", "v1"), (alarm.Feature, alarm.Test, alarm.ModelVersion));
        Assert.Contains(alarm.Key, state.Drift.Alarms.Keys);
        var window = state.Quality.Versions["v1"];
        Assert.Equal((4L, 0L), (window.WindowIndex, window.Window.Count));
        Assert.InRange(window.LastWindow!.Summary().Accuracy!.Value, 0.45, 0.55);
    }

    [Fact]
    public void A_clone_copies_quality_deeply()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);
        state.Record(new ObservationBatch([Row(1, 0.9), Row(0, 0.1)], Start, "v1"), spec);

        var copy = state.Clone();
        copy.RecordOutcomes([new Outcome("v1", 0.9, true, 0)], spec);

        Assert.Equal(2, state.Quality.Versions["v1"].Lifetime.Count);
        Assert.Equal(3, copy.Quality.Versions["v1"].Lifetime.Count);
    }
}
