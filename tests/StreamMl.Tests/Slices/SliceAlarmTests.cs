using StreamMl.Bench.Drift;
using StreamMl.Core.Slices;
using StreamMl.Streams.Generators;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>The error-stream alarm of a slice, fed streams whose changes are known: detections, re-baselining, replay.</summary>
public sealed class SliceAlarmTests
{
    // The fixed model predicts SEA concept 0 (θ = 8) under 10% label noise: its error rate is 0.1 + 0.8·d, d the share of
    // events on which the concept and θ = 8 disagree: 0 for concept 0, (8² − 7²)/200 for concept 2 (θ = 7), (9.5² − 8²)/200
    // for concept 3 (θ = 9.5).
    private const double ErrorConcept0 = 0.1, ErrorConcept2 = 0.1 + 0.8 * 15 / 200.0, ErrorConcept3 = 0.1 + 0.8 * 26.25 / 200;

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_concept_changes_give_two_detections_of_the_error_detector_each_within_its_stated_delay()
    {
        // Concept 0 until event 20,000, concept 2 until 40,000, then concept 3: the error rate goes 10% → 16% → 20.5%.
        var stream = new RegionStream(1, seed: 5, new DriftSchedule(new ConceptDrift(20_000, 2), new ConceptDrift(40_000, 3)));
        var run = new SliceRun(RegionStream.Spec(window: 2000), regions: 1);

        run.Feed(stream, 60_000);

        var detections = run.Signals.Select(s => s.Signal).Where(s => s.Feature == SliceDrift.ErrorStream && s.Kind == DriftSignalKinds.Drift).ToList();
        var first = AdwinDelay.Stated(ErrorConcept0, ErrorConcept2, 20_000);
        var second = AdwinDelay.Stated(ErrorConcept2, ErrorConcept3, 20_000);
        Assert.Equal((2_462L, 5_345L), (first, second));
        Assert.Equal([21_120L, 42_752L], detections.Select(d => d.AtEvent));
        Assert.InRange(detections[0].AtEvent, 20_001, 20_000 + first);
        Assert.InRange(detections[1].AtEvent, 40_001, 40_000 + second);
        // One alarm, raised by the first change and renewed by the second.
        Assert.Equal([1, 2], detections.Select(d => d.Detections!.Value));
        Assert.All(detections, d => Assert.Equal(detections[0].AtEvent, d.RaisedAtEvent));
        Assert.Equal(detections[1], run.Slices[SliceKey.Global].Drift.Alarms.Values.Single(a => a.Feature == SliceDrift.ErrorStream));
    }

    [Fact]
    public void A_new_serving_model_rebaselines_the_error_detector_and_recovers_the_alarm_raised_on_the_old_one()
    {
        var spec = RegionStream.Spec(window: 1000);
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(11);

        var v1 = Enumerable.Range(0, 8).SelectMany(b => state.Record(Batch(random, b, "v1", b >= 4 ? 0.5 : 0.05), spec)).ToList();
        var alarm = Assert.Single(state.Drift.Alarms.Values);
        var swap = state.Record(Batch(random, 8, "v2", 0.3), spec);
        var v2 = Enumerable.Range(9, 8).SelectMany(b => state.Record(Batch(random, b, "v2", 0.3), spec)).ToList();

        Assert.Contains(v1, s => s.Kind == DriftSignalKinds.Drift && s.Feature == SliceDrift.ErrorStream);
        var recovered = Assert.Single(swap);
        Assert.Equal((DriftSignalKinds.Recovered, SliceDrift.ErrorStream, "v2", 4000L, alarm.RaisedAtEvent),
            (recovered.Kind, recovered.Feature, recovered.ModelVersion, recovered.AtEvent, recovered.RaisedAtEvent));
        // v2 fails 30% of the time from its first prediction on: that is its baseline, not a change.
        Assert.DoesNotContain(v2, s => s.Feature == SliceDrift.ErrorStream);
        Assert.Equal("v2", state.Drift.ServingModel);
        Assert.Empty(state.Drift.Alarms);
    }

    [Fact]
    public void Outcomes_of_another_model_version_do_not_feed_the_error_detector()
    {
        var spec = RegionStream.Spec(window: 1000);
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(12);

        // The serving model v1 is right 95% of the time; a canary's rows and late labels of v0 are always wrong.
        var signals = Enumerable.Range(0, 8).SelectMany(b =>
        {
            var batch = Batch(random, b, "v1", 0.05);
            var canary = new ObservationBatch([.. batch.Rows, .. Enumerable.Repeat(Row(1, false) with { ModelVersion = "v1-canary" }, 200)],
                batch.ObservedAt, batch.ModelVersion, batch.ShadowOutcomes);
            return state.Record(canary, spec).Concat(state.RecordOutcomes([.. Enumerable.Repeat(new Core.Quality.Outcome("v0", 0.1, false, 1), 200)], spec));
        }).ToList();

        Assert.DoesNotContain(signals, s => s.Feature == SliceDrift.ErrorStream);
        Assert.Equal(8 * 500, state.Drift.ErrorUpdatesSinceDetection);
    }

    [Fact]
    public void Replaying_a_detection_restores_the_error_rate_its_alarm_recovers_to()
    {
        var spec = RegionStream.Spec(window: 1000);
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(13);
        var signals = Enumerable.Range(0, 6).SelectMany(b => state.Record(Batch(random, b, "v1", b >= 4 ? 0.5 : 0.05), spec)).ToList();

        var replayed = new SliceDrift();
        foreach (var signal in signals) replayed.Apply(signal);

        Assert.NotNull(state.Drift.ErrorRateBeforeAlarm);
        Assert.Equal(state.Drift.ErrorRateBeforeAlarm, replayed.ErrorRateBeforeAlarm);
        Assert.Equal(state.Drift.Alarms, replayed.Alarms);
    }

    /// <summary>500 labelled rows scored by <paramref name="version"/>, each wrong with probability <paramref name="errorRate"/>.</summary>
    private static ObservationBatch Batch(Random random, int index, string version, double errorRate) =>
        new(Enumerable.Range(0, 500).Select(_ =>
        {
            var label = random.Next(2);
            return Row(label, random.NextDouble() >= errorRate ? label == 1 : label == 0);
        }).ToList(), Start.AddMinutes(index), version);

    private static Observation Row(int label, bool predictedPositive) =>
        new([5, 5, 5], ["r0"], label, predictedPositive ? 0.9 : 0.1, predictedPositive);
}
