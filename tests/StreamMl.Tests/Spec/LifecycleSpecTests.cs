using StreamMl.Core.Lifecycle;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Spec;

/// <summary>The retraining and gate sections: their defaults, and a message naming the key for each bad value.</summary>
public sealed class LifecycleSpecTests
{
    private const string Features = """ "features": [{ "name": "x", "kind": "Numeric" }, { "name": "c", "kind": "Categorical" }] """;

    private static PipelineSpec Parse(string sections, string label = """{ "name": "y" }""", string trainer = "FastTree") =>
        SpecLoader.Parse($$"""
            { "name": "s", {{Features}}, "label": {{label}}, "model": { "trainer": "{{trainer}}" }{{(sections.Length > 0 ? ", " + sections : "")}} }
            """);

    [Fact]
    public void Sections_left_out_get_their_defaults()
    {
        var spec = Parse("");

        var r = spec.Retraining;
        Assert.Equal(["drift", "count", "operator"], r.Triggers);
        Assert.Equal(5000, r.EveryLabelledExamples);
        Assert.Equal(0, r.ScheduleMinutes);
        Assert.Equal(5, r.DebounceSeconds);
        Assert.Equal(60, r.CooldownSeconds);
        Assert.Equal(1000, r.MinimumExamples);
        Assert.Equal(10000, r.WindowExamples);
        Assert.Equal(0.2, r.HoldoutFraction);
        Assert.Equal("full", r.Mode);
        Assert.True(r.AutoPromote);

        var g = spec.Gate;
        Assert.Null(g.Metric);
        Assert.Equal(GateMetric.Accuracy, GateMetrics.Resolve(g, LabelKind.Binary));
        Assert.Equal(GateMetric.RootMeanSquaredError, GateMetrics.Resolve(g, LabelKind.Numeric));
        Assert.Equal(0.005, g.Tolerance);
        Assert.Equal(0.02, g.SliceTolerance);
        Assert.Equal(100, g.MinimumSliceExamples);
    }

    [Fact]
    public void Keys_left_out_of_a_section_keep_their_defaults()
    {
        var spec = Parse("""
            "retraining": { "triggers": ["schedule", "operator"], "scheduleMinutes": 30 },
            "gate": { "metric": "auc" }
            """);

        Assert.Equal(["schedule", "operator"], spec.Retraining.Triggers);
        Assert.Equal(30, spec.Retraining.ScheduleMinutes);
        Assert.Equal(5, spec.Retraining.DebounceSeconds);
        Assert.Equal(0.2, spec.Retraining.HoldoutFraction);
        Assert.Equal(GateMetric.Auc, GateMetrics.Resolve(spec.Gate, LabelKind.Binary));
        Assert.Equal(0.005, spec.Gate.Tolerance);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var spec = Parse("""
            "retraining": { "triggers": ["count"], "everyLabelledExamples": 200, "scheduleMinutes": 15, "debounceSeconds": 0, "cooldownSeconds": 10,
                            "minimumExamples": 500, "windowExamples": 600, "holdoutFraction": 0.25, "mode": "incremental", "autoPromote": false },
            "gate": { "metric": "logloss", "tolerance": 0.01, "sliceTolerance": 0.05, "minimumSliceExamples": 30 }
            """, trainer: "LbfgsLogisticRegression");

        Assert.Equal(new RetrainingSpec
        {
            Triggers = spec.Retraining.Triggers, EveryLabelledExamples = 200, ScheduleMinutes = 15, DebounceSeconds = 0, CooldownSeconds = 10,
            MinimumExamples = 500, WindowExamples = 600, HoldoutFraction = 0.25, Mode = "incremental", AutoPromote = false,
        }, spec.Retraining);
        Assert.Equal(["count"], spec.Retraining.Triggers);
        Assert.Equal(new GateSpec { Metric = "logloss", Tolerance = 0.01, SliceTolerance = 0.05, MinimumSliceExamples = 30 }, spec.Gate);
    }

    [Fact]
    public void A_numeric_label_defaults_to_rmse_and_takes_mae()
    {
        var numeric = """{ "name": "y", "kind": "Numeric" }""";
        Assert.Equal(GateMetric.RootMeanSquaredError, GateMetrics.Resolve(Parse("", numeric).Gate, LabelKind.Numeric));
        Assert.Equal(GateMetric.MeanAbsoluteError, GateMetrics.Resolve(Parse("""
            "gate": { "metric": "mae" }
            """, numeric).Gate, LabelKind.Numeric));
    }

    [Theory]
    [InlineData("specs/sea.json")]
    [InlineData("specs/agrawal.json")]
    [InlineData("specs/stagger.json")]
    [InlineData("specs/sine.json")]
    [InlineData("specs/hyperplane.json")]
    [InlineData("specs/rbf.json")]
    public void The_shipped_specs_are_valid_with_the_defaults(string file)
    {
        var spec = SpecLoader.Load(Path.Combine(RepoPaths.Root, file));
        Assert.Equal(new RetrainingSpec { Triggers = spec.Retraining.Triggers }, spec.Retraining);
        Assert.Equal(["drift", "count", "operator"], spec.Retraining.Triggers);
        Assert.Equal(new GateSpec(), spec.Gate);
    }

    [Fact]
    public void The_elec_spec_retrains_often_enough_for_the_demo_and_reads_as_written()
    {
        var spec = SpecLoader.Load(RepoPaths.Spec("elec2.json"));
        Assert.Equal(["drift", "count", "operator"], spec.Retraining.Triggers);
        Assert.Equal((5000, 1, 4, 2000, 5000, 0.2), (spec.Retraining.EveryLabelledExamples, spec.Retraining.DebounceSeconds,
            spec.Retraining.CooldownSeconds, spec.Retraining.MinimumExamples, spec.Retraining.WindowExamples, spec.Retraining.HoldoutFraction));
        Assert.Equal(new GateSpec { Metric = "accuracy", SliceTolerance = 0.03 }, spec.Gate);
    }

    [Theory]
    [InlineData("""{ "triggers": ["drift", "hourly"] }""", "retraining.triggers: 'hourly' is not one of drift, count, schedule, operator")]
    [InlineData("""{ "triggers": ["Drift"] }""", "retraining.triggers: 'Drift' is not one of")]
    [InlineData("""{ "triggers": ["count", "count"] }""", "retraining.triggers: 'count' is listed twice")]
    [InlineData("""{ "everyLabelledExamples": 0 }""", "retraining.everyLabelledExamples: 0 is not at least 1")]
    [InlineData("""{ "scheduleMinutes": -5 }""", "retraining.scheduleMinutes: -5 is negative")]
    [InlineData("""{ "triggers": ["schedule"] }""", "retraining.scheduleMinutes: must be above 0 when retraining.triggers includes 'schedule'")]
    [InlineData("""{ "debounceSeconds": -1 }""", "retraining.debounceSeconds: -1 is negative")]
    [InlineData("""{ "cooldownSeconds": -60 }""", "retraining.cooldownSeconds: -60 is negative")]
    [InlineData("""{ "minimumExamples": 10 }""", "retraining.minimumExamples: 10 is below 20")]
    [InlineData("""{ "windowExamples": 999 }""", "retraining.windowExamples: 999 is below retraining.minimumExamples (1000)")]
    [InlineData("""{ "holdoutFraction": 0 }""", "retraining.holdoutFraction: 0 is not in (0, 1)")]
    [InlineData("""{ "holdoutFraction": 1.5 }""", "retraining.holdoutFraction: 1.5 is not in (0, 1)")]
    [InlineData("""{ "minimumExamples": 50, "holdoutFraction": 0.7 }""", "retraining.holdoutFraction: 0.7 of a snapshot of retraining.minimumExamples (50) leaves 15 to train on")]
    [InlineData("""{ "mode": "partial" }""", "retraining.mode: 'partial' is not one of full, incremental")]
    [InlineData("""{ "mode": "incremental" }""", "retraining.mode: 'incremental' warm-starts a binary LbfgsLogisticRegression model; the spec has model.trainer 'FastTree'")]
    public void A_bad_retraining_value_is_named(string section, string message)
    {
        var e = Assert.Throws<SpecException>(() => Parse($$""" "retraining": {{section}} """));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("""{ "metric": "rmse" }""", "gate.metric: 'rmse' is not one of accuracy, auc, f1, logloss for a binary label")]
    [InlineData("""{ "metric": "Accuracy" }""", "gate.metric: 'Accuracy' is not one of")]
    [InlineData("""{ "tolerance": -0.1 }""", "gate.tolerance: -0.1 is not a finite number at least 0")]
    [InlineData("""{ "sliceTolerance": -1 }""", "gate.sliceTolerance: -1 is not a finite number at least 0")]
    [InlineData("""{ "minimumSliceExamples": 0 }""", "gate.minimumSliceExamples: 0 is not at least 1")]
    public void A_bad_gate_value_is_named(string section, string message)
    {
        var e = Assert.Throws<SpecException>(() => Parse($$""" "gate": {{section}} """));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_numeric_label_refuses_a_binary_metric()
    {
        var e = Assert.Throws<SpecException>(() => Parse("""
            "gate": { "metric": "accuracy" }
            """, """{ "name": "y", "kind": "Numeric" }"""));
        Assert.Contains("gate.metric: 'accuracy' is not one of mae, rmse for a numeric label", e.Message);
    }

    [Fact]
    public void An_unknown_key_in_a_section_is_named()
    {
        var e = Assert.Throws<SpecException>(() => Parse("""
            "retraining": { "debounce": 5 }
            """));
        Assert.Contains("debounce", e.Message);
    }

    [Fact]
    public void Incremental_mode_is_accepted_for_a_binary_logistic_regression()
    {
        var spec = Parse("""
            "retraining": { "mode": "incremental" }
            """, trainer: "LbfgsLogisticRegression");
        Assert.Equal(RetrainingMode.Incremental, RetrainingModes.Parse(spec.Retraining.Mode));
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var e = Assert.Throws<SpecException>(() => Parse("""
            "retraining": { "debounceSeconds": -1, "cooldownSeconds": -1 }, "gate": { "tolerance": -1 }
            """));
        Assert.Contains("retraining.debounceSeconds", e.Message);
        Assert.Contains("retraining.cooldownSeconds", e.Message);
        Assert.Contains("gate.tolerance", e.Message);
    }
}
