using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Slices;

/// <summary>Drift signals of one slice, fed windows whose make-up is known exactly.</summary>
public sealed class SliceDriftTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static CompiledSpec Spec(string errorDetector = "None") => new(new PipelineSpec
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
    public void A_label_split_moving_from_50_50_to_70_30_raises_one_alarm_and_recovers_when_it_returns()
    {
        var spec = Spec();
        var state = SliceState.Empty(SliceKey.Global, spec);

        var reference = state.Record(Window(500, 0), spec);
        var drifted = state.Record(Window(700, 1), spec);
        var stillDrifted = state.Record(Window(700, 2), spec);
        var back = state.Record(Window(500, 3), spec);

        Assert.Empty(reference);
        Assert.Equal(0, state.Drift.ReferenceWindow);
        // 500/500 against 700/300: chi-squared 83.33 with 1 degree of freedom (scipy.stats.chi2_contingency, correction=False).
        var label = Assert.Single(drifted, s => s.Feature == "label");
        Assert.Equal(DriftSignalKinds.Drift, label.Kind);
        Assert.Equal("ChiSquared", label.Test);
        Assert.Equal(83.333333, label.Statistic!.Value, 5);
        // Four hypothesis tests ran on the window (KS on x, chi-squared on the label, z and KS on the
        // prediction): each is held to 0.01 / 4 (Bonferroni).
        Assert.Equal(0.0025, label.Threshold!.Value, 12);
        Assert.Equal(1, label.WindowIndex);
        Assert.Equal(2000, label.AtEvent);
        Assert.Equal("v1", label.ModelVersion);
        // Scores follow the labels, so the prediction share drifts too; the feature x does not.
        Assert.Contains(drifted, s => s.Feature == "prediction" && s.Test == "TwoProportionZ");
        Assert.DoesNotContain(drifted, s => s.Feature == "x");
        Assert.Empty(stillDrifted);
        Assert.All(back, s => Assert.Equal(DriftSignalKinds.Recovered, s.Kind));
        Assert.Contains(back, s => s.Feature == "label");
        Assert.Empty(state.Drift.Alarms);
    }

    [Fact]
    public void The_error_detector_raises_one_alarm_when_predictions_start_failing_and_keeps_it_while_they_fail()
    {
        var spec = Spec("Adwin");
        var state = SliceState.Empty(SliceKey.Global, spec);
        var random = new Random(3);
        var signals = new List<DriftSignal>();

        for (var b = 0; b < 14; b++)
        {
            var failing = b is >= 4 and < 10;
            var rows = Enumerable.Range(0, 500).Select(_ =>
            {
                var label = random.Next(2);
                var right = random.NextDouble() >= (failing ? 0.5 : 0.05);
                return new Observation([random.NextDouble()], [], label, 0.5, right ? label == 1 : label == 0);
            }).ToList();
            signals.AddRange(state.Record(new ObservationBatch(rows, Start.AddMinutes(b), "v1"), spec)
                .Where(s => s.Feature == SliceDrift.ErrorStream));
        }

        // Errors jump from 5% to 50% at event 2,000 and fall back at event 5,000.
        var alarm = Assert.Single(signals, s => s.Kind == DriftSignalKinds.Drift);
        Assert.Equal("ADWIN", alarm.Test);
        Assert.InRange(alarm.AtEvent, 2001, 2500);
        var recovered = Assert.Single(signals, s => s.Kind == DriftSignalKinds.Recovered);
        // The detector sees the fall, then a quiet window of 1,000 events at the old level recovers the alarm.
        Assert.InRange(recovered.AtEvent, 6001, 7000);
        Assert.Empty(state.Drift.Alarms);
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
        var signals = new[] { Window(500, 0), Window(700, 1), Window(700, 2) }.SelectMany(w => state.Record(w, spec)).ToList();

        var replayed = new SliceDrift();
        foreach (var signal in signals) replayed.Apply(signal);

        Assert.Equal(state.Drift.Alarms.Keys.Order(), replayed.Alarms.Keys.Order());
    }
}
