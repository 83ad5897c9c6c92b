using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>Drift signals of one slice, fed windows whose make-up is known exactly.</summary>
public sealed class SliceDriftTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    internal static CompiledSpec Spec(string errorDetector = "None") => new(new PipelineSpec
    {
        Name = "drift-test",
        Features = [new FeatureSpec { Name = "x", Kind = ColumnKind.Numeric, Min = 0, Max = 1 }],
        Label = new LabelSpec { Name = "y" },
        Model = new ModelSpec { Trainer = "FastTree" },
        Window = new WindowSpec { Events = 1000 },
        Drift = new DriftSpec { ErrorDetector = errorDetector },
    });

    /// <summary>A window of 1,000 events: x uniform on a fixed grid, <paramref name="positives"/> labelled 1, every prediction right.</summary>
    private static ObservationBatch Window(int positives, int index) => new(
        Enumerable.Range(0, 1000).Select(i =>
        {
            var label = i < positives ? 1.0 : 0.0;
            return new Observation([(i * 7919 % 1000) / 1000.0], [], label, label, label == 1);
        }).ToList(),
        Start.AddMinutes(index),
        "v1");

    [Fact]
    public void A_label_split_moving_from_50_50_to_70_30_raises_one_alarm_and_recovers_after_three_windows_without_it()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);

        var reference = state.Record(Window(500, 0), spec);
        var drifted = state.Record(Window(700, 1), spec);
        var stillDrifted = state.Record(Window(700, 2), spec);
        var back = new[] { Window(500, 3), Window(500, 4), Window(500, 5) }.Select(w => state.Record(w, spec)).ToList();

        Assert.Empty(reference);
        Assert.Equal(0, state.Drift.ReferenceWindow);
        // 500/500 against 700/300: chi-squared 83.33 with 1 degree of freedom (scipy.stats.chi2_contingency, correction=False).
        var label = Assert.Single(drifted, s => s.Feature == "label");
        Assert.Equal(DriftSignalKinds.Drift, label.Kind);
        Assert.Equal("ChiSquared", label.Test);
        Assert.Equal(83.333333, label.Statistic!.Value, 5);
        // Seven tests ran on the window (PSI, KS, Wasserstein and Jensen–Shannon on x, chi-squared on the label, z and KS on
        // the prediction): each is held to 0.01 / 7 (Bonferroni).
        Assert.Equal(0.01 / 7, label.Threshold!.Value, 12);
        Assert.Equal((1L, 2000L, 2000L, 1), (label.WindowIndex!.Value, label.AtEvent, label.RaisedAtEvent!.Value, label.Detections!.Value));
        Assert.Equal("v1", label.ModelVersion);
        // Scores follow the labels, so the prediction share drifts too; the feature x does not.
        Assert.Contains(drifted, s => s.Feature == "prediction" && s.Test == "TwoProportionZ");
        Assert.DoesNotContain(drifted, s => s.Feature == "x");
        Assert.Empty(stillDrifted);
        // Hysteresis: two windows back at 50/50 are not yet a recovery, the third is.
        Assert.Empty(back[0]);
        Assert.Empty(back[1]);
        Assert.All(back[2], s => Assert.Equal(DriftSignalKinds.Recovered, s.Kind));
        Assert.Contains(back[2], s => s.Feature == "label" && s.AtEvent == 6000 && s.RaisedAtEvent == 2000);
        Assert.Empty(state.Drift.Alarms);
    }

    [Fact]
    public void A_test_that_flaps_keeps_its_alarm_raised_instead_of_raising_it_again_every_other_window()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);
        state.Record(Window(500, 0), spec);

        // The label split alternates between drifted and not, window after window.
        var signals = Enumerable.Range(1, 12).SelectMany(i => state.Record(Window(i % 2 == 1 ? 700 : 500, i), spec))
            .Where(s => s.Feature == "label").ToList();

        var raised = Assert.Single(signals);
        Assert.Equal((DriftSignalKinds.Drift, 2000L), (raised.Kind, raised.AtEvent));
        Assert.Contains(raised.Key, state.Drift.Alarms.Keys);
    }

    [Fact]
    public void The_error_detector_detects_the_rise_and_the_fall_of_the_error_rate_and_its_alarm_recovers_after_a_quiet_window()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(3);
        var signals = new List<DriftSignal>();

        for (var b = 0; b < 14; b++)
            signals.AddRange(state.Record(ErrorBatch(random, b), spec).Where(s => s.Feature == SliceDrift.ErrorStream));

        // Errors jump from 5% to 50% at event 2,000 and fall back at event 5,000: two changes, two detections of one alarm.
        var detections = signals.Where(s => s.Kind == DriftSignalKinds.Drift).ToList();
        Assert.Equal([2048L, 5056L], detections.Select(d => d.AtEvent));
        Assert.All(detections, d => Assert.Equal(("ADWIN", 2048L), (d.Test, d.RaisedAtEvent!.Value)));
        Assert.Equal([1, 2], detections.Select(d => d.Detections!.Value));
        // Each detection carries the error rate of the stretch it ends.
        Assert.InRange(detections[0].Statistic!.Value, 0.04, 0.08);
        Assert.InRange(detections[1].Statistic!.Value, 0.45, 0.55);
        // A window of 1,000 quiet events back at the old rate recovers the alarm, when a window closes.
        var recovered = Assert.Single(signals, s => s.Kind == DriftSignalKinds.Recovered);
        Assert.Equal((7000L, 2), (recovered.AtEvent, recovered.Detections!.Value));
        Assert.Empty(state.Drift.Alarms);
    }

    /// <summary>
    /// Batch <paramref name="b"/> of 500 events of a stream whose serving model errs 5% of the time, 50% in batches 4 to
    /// 9 (events 2,000 to 4,999): ADWIN on its errors raises the alarm at event 2,048 and renews it at 5,056.
    /// </summary>
    internal static ObservationBatch ErrorBatch(Random random, int b, string modelVersion = "v1")
    {
        var failing = b is >= 4 and < 10;
        var rows = Enumerable.Range(0, 500).Select(_ =>
        {
            var label = random.Next(2);
            var right = random.NextDouble() >= (failing ? 0.5 : 0.05);
            return new Observation([random.NextDouble()], [], label, 0.5, right ? label == 1 : label == 0);
        }).ToList();
        return new ObservationBatch(rows, Start.AddMinutes(b), modelVersion);
    }

    [Fact]
    public void A_detection_renewing_the_raised_error_alarm_renews_it_at_once_and_goes_out_when_its_window_closes()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(3);

        var given = new List<List<DriftSignal>>();
        DriftSignal? alarmAfterRenewal = null;
        for (var b = 0; b < 12; b++)
        {
            given.Add(state.Record(ErrorBatch(random, b), spec).Where(s => s.Feature == SliceDrift.ErrorStream).ToList());
            if (b == 10) alarmAfterRenewal = state.Drift.Alarms.Values.Single(a => a.Feature == SliceDrift.ErrorStream);
        }

        // The raising detection goes out with its batch (events 2,000 to 2,499).
        Assert.Equal((DriftSignalKinds.Drift, 2048L, 1), (given[4].Single().Kind, given[4].Single().AtEvent, given[4].Single().Detections!.Value));
        // The renewal at event 5,056 (batch 10) renews the alarm at once but is not given out with its batch ...
        Assert.Empty(given[10]);
        Assert.Equal((5056L, 2048L, 2), (alarmAfterRenewal!.AtEvent, alarmAfterRenewal.RaisedAtEvent!.Value, alarmAfterRenewal.Detections!.Value));
        // ... but when its window closes, at event 6,000 (batch 11), unchanged.
        Assert.Equal(alarmAfterRenewal, Assert.Single(given[11]));
        Assert.Empty(state.Drift.HeldRenewals);
        Assert.Equal(2, given.Sum(g => g.Count(s => s.Kind == DriftSignalKinds.Drift)));
    }

    /// <summary>
    /// The global slice after batches 0–10 of <see cref="ErrorBatch"/> under ADWIN: its error alarm raised at event 2,048
    /// and renewed at 5,056, that renewal held until the window closes; with the random source to go on with.
    /// </summary>
    private static (CompiledSpec Spec, SliceState State, Random Random) WithHeldRenewal()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(3);
        for (var b = 0; b <= 10; b++) state.Record(ErrorBatch(random, b), spec);
        return (spec, state, random);
    }

    [Fact]
    public void A_held_renewal_is_kept_by_a_copy_and_let_go_when_the_journal_replays_it()
    {
        var (spec, state, random) = WithHeldRenewal();

        // A snapshot taken now holds the renewal; the window's close journals it; recovery replays the journal onto the snapshot.
        var snapshot = state.Clone();
        var renewal = Assert.Single(snapshot.Drift.HeldRenewals);
        var journaled = state.Record(ErrorBatch(random, 11), spec);
        Assert.Contains(renewal, journaled);
        foreach (var signal in journaled) snapshot.Drift.Apply(signal);

        Assert.Empty(snapshot.Drift.HeldRenewals);
        Assert.Equal(state.Drift.Alarms.OrderBy(a => a.Key), snapshot.Drift.Alarms.OrderBy(a => a.Key));
    }

    [Fact]
    public void A_new_serving_model_gives_out_the_held_renewals_of_the_old_one_before_recovering_its_alarm()
    {
        var (spec, state, random) = WithHeldRenewal();
        var renewal = Assert.Single(state.Drift.HeldRenewals);

        var swap = state.Record(ErrorBatch(random, 11, "v2"), spec).Where(s => s.Feature == SliceDrift.ErrorStream).ToList();

        Assert.Equal([(DriftSignalKinds.Drift, 5056L), (DriftSignalKinds.Recovered, 5500L)], swap.Select(s => (s.Kind, s.AtEvent)));
        Assert.Equal(renewal, swap[0]);
        Assert.Empty(state.Drift.HeldRenewals);
        Assert.DoesNotContain(state.Drift.Alarms.Values, a => a.Feature == SliceDrift.ErrorStream);
    }

    [Fact]
    public void A_model_training_profile_is_the_reference_from_the_first_window_on()
    {
        var spec = Spec();
        var trainingState = SliceState.Empty(SliceKey.Global, spec);
        trainingState.Record(Window(500, 0), spec);
        var profile = trainingState.Lifetime;
        var state = SliceState.Empty(SliceKey.Global, spec);

        var first = state.Record(Window(700, 0), spec, version => version == "v1" ? profile : null);

        Assert.Equal("v1", state.Drift.ReferenceModel);
        Assert.Null(state.Drift.ReferenceWindow);
        Assert.Contains(first, s => s.Feature == "label" && s.Kind == DriftSignalKinds.Drift && s.WindowIndex == 0);
    }

    [Fact]
    public void Replaying_the_signals_rebuilds_the_alarms()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);
        var signals = new[] { Window(500, 0), Window(700, 1), Window(700, 2), Window(500, 3) }.SelectMany(w => state.Record(w, spec)).ToList();

        var replayed = new SliceDrift();
        foreach (var signal in signals) replayed.Apply(signal);

        Assert.NotEmpty(state.Drift.Alarms);
        Assert.Equal(state.Drift.Alarms, replayed.Alarms);
    }
}
