using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Lifecycle;

/// <summary>The gate's rules on hand-made evaluations.</summary>
public sealed class ValidationGateTests
{
    private static readonly GateSpec Gate = new();

    private static ModelMetrics Binary(double accuracy, int count = 1000, double? auc = 0.8, double logLoss = 0.5) =>
        new(count, accuracy, auc, F1: 0.7, LogLoss: logLoss);

    private static ModelMetrics Numeric(double rmse, double mae = 1, int count = 1000) =>
        new(count, MeanAbsoluteError: mae, RootMeanSquaredError: rmse);

    private static EvaluationReport Report(ModelMetrics overall, params (string Key, ModelMetrics Metrics)[] slices) =>
        new(overall, slices.Prepend(("*", overall)).ToDictionary(s => s.Item1, s => s.Item2));

    [Fact]
    public void Without_a_champion_the_challenger_passes()
    {
        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, null, Report(Binary(0.6)));

        Assert.True(decision.Passed);
        Assert.Equal(["no champion"], decision.Reasons);
        Assert.Equal("accuracy", decision.Metric);
        Assert.True(double.IsNaN(decision.ChampionValue));
        Assert.Equal(0.6, decision.ChallengerValue);
    }

    [Fact]
    public void An_equal_challenger_passes_with_a_summary()
    {
        var report = Report(Binary(0.843), ("dayPart=night", Binary(0.8, 300)), ("dayPart=day", Binary(0.85, 700)));

        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, report, report);

        Assert.True(decision.Passed);
        Assert.Equal(["overall accuracy 0.843 against the champion's 0.843 (tolerance 0.005); 2 slices judged, none worse by more than 0.020"], decision.Reasons);
        Assert.Equal(["dayPart=day", "dayPart=night"], decision.Slices.Select(s => s.Slice));
        Assert.All(decision.Slices, s => Assert.Equal(0, s.Shortfall));
    }

    [Fact]
    public void A_challenger_worse_overall_than_the_tolerance_is_refused()
    {
        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, Report(Binary(0.843)), Report(Binary(0.712)));

        Assert.False(decision.Passed);
        Assert.Equal(["overall accuracy 0.712 is 0.131 below the champion's 0.843 (tolerance 0.005)"], decision.Reasons);
        Assert.Equal(0.843, decision.ChampionValue);
        Assert.Equal(0.712, decision.ChallengerValue);
    }

    [Theory]
    [InlineData(0.838, true)]   // exactly the tolerance below: 0.843 − 0.838 is 0.005 up to rounding
    [InlineData(0.8379, false)]
    [InlineData(0.9, true)]
    public void The_overall_tolerance_is_inclusive(double challenger, bool passed)
    {
        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, Report(Binary(0.843)), Report(Binary(challenger)));
        Assert.Equal(passed, decision.Passed);
    }

    [Theory]
    [InlineData("logloss", 0.50, 0.52, false, "overall logloss 0.520 is 0.020 above the champion's 0.500 (tolerance 0.005)")]
    [InlineData("logloss", 0.50, 0.40, true, null)]
    [InlineData("accuracy", 0.80, 0.78, false, "overall accuracy 0.780 is 0.020 below the champion's 0.800 (tolerance 0.005)")]
    [InlineData("accuracy", 0.80, 0.90, true, null)]
    public void Log_loss_is_better_lower_and_accuracy_higher(string metric, double champion, double challenger, bool passed, string? reason)
    {
        var gate = new GateSpec { Metric = metric };
        ModelMetrics M(double x) => metric == "logloss" ? Binary(0.8, logLoss: x) : Binary(x);

        var decision = ValidationGate.Decide(gate, LabelKind.Binary, Report(M(champion)), Report(M(challenger)));

        Assert.Equal(passed, decision.Passed);
        if (reason is not null) Assert.Equal([reason], decision.Reasons);
    }

    [Theory]
    [InlineData(null, 2.0, 2.1, false, "overall rmse 2.100 is 0.100 above the champion's 2.000 (tolerance 0.005)")]
    [InlineData(null, 2.0, 1.5, true, null)]
    [InlineData("mae", 1.0, 1.004, true, null)]
    [InlineData("mae", 1.0, 1.006, false, "overall mae 1.006 is 0.006 above the champion's 1.000 (tolerance 0.005)")]
    [InlineData("mae", 1.0, 0.5, true, null)]
    public void Errors_of_a_numeric_label_are_better_lower(string? metric, double champion, double challenger, bool passed, string? reason)
    {
        var gate = new GateSpec { Metric = metric };
        ModelMetrics M(double x) => metric == "mae" ? Numeric(rmse: 3, mae: x) : Numeric(rmse: x);

        var decision = ValidationGate.Decide(gate, LabelKind.Numeric, Report(M(champion)), Report(M(challenger)));

        Assert.Equal(passed, decision.Passed);
        Assert.Equal(metric ?? "rmse", decision.Metric);
        if (reason is not null) Assert.Equal([reason], decision.Reasons);
    }

    [Fact]
    public void A_slice_lower_is_better_is_judged_in_the_same_direction()
    {
        var champion = Report(Numeric(2.0), ("region=north", Numeric(1.0, count: 500)), ("region=south", Numeric(3.0, count: 500)));
        var challenger = Report(Numeric(2.0), ("region=north", Numeric(1.5, count: 500)), ("region=south", Numeric(2.5, count: 500)));

        var decision = ValidationGate.Decide(Gate, LabelKind.Numeric, champion, challenger);

        Assert.False(decision.Passed);
        Assert.Equal(["slice region=north: rmse 1.500 is 0.500 above the champion's 1.000 (tolerance 0.020)"], decision.Reasons);
        Assert.Equal(-0.5, decision.Slices.Single(s => s.Slice == "region=south").Shortfall);
    }

    [Fact]
    public void A_slice_worse_than_the_slice_tolerance_is_named_and_no_other()
    {
        var champion = Report(Binary(0.80), ("dayPart=night", Binary(0.85, 250)), ("dayPart=day", Binary(0.78, 750)), ("level=low", Binary(0.8, 500)));
        var challenger = Report(Binary(0.80), ("dayPart=night", Binary(0.80, 250)), ("dayPart=day", Binary(0.797, 750)), ("level=low", Binary(0.79, 500)));

        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        Assert.False(decision.Passed);
        Assert.Equal(["slice dayPart=night: accuracy 0.800 is 0.050 below the champion's 0.850 (tolerance 0.020)"], decision.Reasons);
        var night = decision.Slices.Single(s => s.Slice == "dayPart=night");
        Assert.Equal(new SliceComparison("dayPart=night", 250, 250, 0.85, 0.80, Judged: true, night.Shortfall, Passed: false), night);
        Assert.Equal(0.05, night.Shortfall!.Value, 12);
        Assert.True(decision.Slices.Single(s => s.Slice == "level=low").Passed);
    }

    [Fact]
    public void Slices_and_overall_failures_are_all_reported()
    {
        var champion = Report(Binary(0.8), ("a=1", Binary(0.8, 500)), ("a=2", Binary(0.8, 500)));
        var challenger = Report(Binary(0.7), ("a=1", Binary(0.6, 500)), ("a=2", Binary(0.8, 500)));

        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        Assert.Equal(2, decision.Reasons.Count);
        Assert.StartsWith("overall accuracy 0.700 is 0.100 below", decision.Reasons[0]);
        Assert.StartsWith("slice a=1: accuracy 0.600 is 0.200 below", decision.Reasons[1]);
    }

    [Fact]
    public void A_slice_with_too_few_examples_on_either_side_is_not_judged()
    {
        var champion = Report(Binary(0.8), ("small=yes", Binary(0.9, 99)), ("lopsided=yes", Binary(0.9, 500)));
        var challenger = Report(Binary(0.8), ("small=yes", Binary(0.1, 99)), ("lopsided=yes", Binary(0.1, 60)));

        var decision = ValidationGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        Assert.True(decision.Passed);
        Assert.All(decision.Slices, s => Assert.False(s.Judged));
        Assert.All(decision.Slices, s => Assert.Null(s.Shortfall));
        Assert.Equal(["overall accuracy 0.800 against the champion's 0.800 (tolerance 0.005); no slice had 100 held-out examples to judge"], decision.Reasons);
    }

    [Fact]
    public void The_minimum_slice_examples_is_inclusive()
    {
        var gate = new GateSpec { MinimumSliceExamples = 99 };
        var decision = ValidationGate.Decide(gate, LabelKind.Binary,
            Report(Binary(0.8), ("small=yes", Binary(0.9, 99))), Report(Binary(0.8), ("small=yes", Binary(0.1, 99))));

        Assert.False(decision.Passed);
        Assert.Contains("slice small=yes", decision.Reasons.Single());
    }

    [Fact]
    public void A_slice_only_one_model_was_measured_on_is_listed_but_not_judged()
    {
        var decision = ValidationGate.Decide(Gate, LabelKind.Binary,
            Report(Binary(0.8), ("old=yes", Binary(0.9, 500))), Report(Binary(0.8), ("new=yes", Binary(0.1, 500))));

        Assert.True(decision.Passed);
        Assert.Equal([("new=yes", 0, 500), ("old=yes", 500, 0)], decision.Slices.Select(s => (s.Slice, s.ChampionExamples, s.ChallengerExamples)));
        Assert.All(decision.Slices, s => Assert.False(s.Judged));
    }

    [Fact]
    public void A_slice_without_the_metric_is_not_judged()
    {
        // A slice of one class has no AUC.
        var gate = new GateSpec { Metric = "auc" };
        var decision = ValidationGate.Decide(gate, LabelKind.Binary,
            Report(Binary(0.8), ("night=yes", Binary(0.9, 500, auc: null))), Report(Binary(0.8), ("night=yes", Binary(0.1, 500, auc: null))));

        Assert.True(decision.Passed);
        Assert.False(decision.Slices.Single().Judged);
    }

    [Fact]
    public void The_global_slice_is_the_overall_figure_and_not_judged_again()
    {
        var decision = ValidationGate.Decide(new GateSpec { Tolerance = 0.5 }, LabelKind.Binary, Report(Binary(0.8)), Report(Binary(0.7)));

        Assert.True(decision.Passed);
        Assert.Empty(decision.Slices);
    }

    [Fact]
    public void An_overall_value_that_cannot_be_compared_refuses()
    {
        var gate = new GateSpec { Metric = "auc" };
        var decision = ValidationGate.Decide(gate, LabelKind.Binary, Report(Binary(0.8)), Report(Binary(0.8, auc: null)));

        Assert.False(decision.Passed);
        Assert.Equal(["overall auc cannot be compared: the challenger's was not measured on the hold-out"], decision.Reasons);
        Assert.True(double.IsNaN(decision.ChallengerValue));
    }

    [Fact]
    public void The_tolerances_come_from_the_spec()
    {
        var gate = new GateSpec { Tolerance = 0.2, SliceTolerance = 0.3 };
        var decision = ValidationGate.Decide(gate, LabelKind.Binary,
            Report(Binary(0.8), ("a=1", Binary(0.9, 500))), Report(Binary(0.65), ("a=1", Binary(0.65, 500))));

        Assert.True(decision.Passed);
        Assert.Contains("(tolerance 0.200)", decision.Reasons.Single());
    }

    [Fact]
    public void A_metric_the_label_has_not_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ValidationGate.Decide(new GateSpec { Metric = "rmse" }, LabelKind.Binary, Report(Binary(0.8)), Report(Binary(0.8))));
        Assert.Contains("gate.metric: 'rmse'", e.Message);
    }
}
