using StreamMl.Core.Lifecycle;
using StreamMl.Core.Operations;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// The prequential gate on hand-made slice figures: each version is judged on its latest closed window in every
/// slice, whatever order the windows come in, and the verdict follows from accuracies (or errors) worked out by hand
/// against the gate's tolerances.
/// </summary>
public sealed class PrequentialGateTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly GateSpec Gate = new(); // accuracy, tolerance 0.005, slice tolerance 0.02, 100 examples per slice

    private static WindowQuality Correct(string version, long window, int correct, int count) =>
        new(version, window, count, (double)correct / count, null);

    private static KeyValuePair<string, SliceFigures> Slice(string key, params WindowQuality[] quality) =>
        new(key, new SliceFigures(1000, null, null, false, At, quality));

    [Fact]
    public void Each_version_is_measured_on_its_latest_window_in_each_slice()
    {
        var slices = new[]
        {
            // The latest window is the one with the largest index: listed first for v2, last for v1.
            Slice("*", Correct("v2", 3, 168, 200), Correct("v1", 0, 180, 200), Correct("v2", 0, 150, 200), Correct("v1", 1, 170, 200),
                Correct("v3", 9, 200, 200)),
            Slice("dayPart=night", Correct("v1", 2, 90, 120), Correct("v2", 2, 84, 120)),
        };

        var (champion, challenger) = PrequentialGate.Reports(slices, "v1", "v2")!.Value;

        Assert.Equal((200, 0.85), (champion.Overall.ExampleCount, champion.Overall.Accuracy!.Value));
        Assert.Equal((200, 0.84), (challenger.Overall.ExampleCount, challenger.Overall.Accuracy!.Value));
        Assert.Equal(["*", "dayPart=night"], champion.Slices.Keys.Order());
        Assert.Equal(0.75, champion.Slices["dayPart=night"].Accuracy);
        Assert.Equal(0.70, challenger.Slices["dayPart=night"].Accuracy!.Value, 12);
    }

    [Fact]
    public void A_challenger_worse_overall_and_in_a_slice_is_refused_with_both_reasons()
    {
        var slices = new[]
        {
            Slice("*", Correct("v1", 1, 170, 200), Correct("v2", 3, 168, 200)),
            Slice("dayPart=night", Correct("v1", 2, 90, 120), Correct("v2", 2, 84, 120)),
        };
        var (champion, challenger) = PrequentialGate.Reports(slices, "v1", "v2")!.Value;

        var decision = PrequentialGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        // 0.85 − 0.84 = 0.01 > 0.005 overall; 0.75 − 0.70 = 0.05 > 0.02 at night, on 120 ≥ 100 examples each.
        Assert.False(decision.Passed);
        Assert.Equal(("accuracy", 0.85, 0.84), (decision.Metric, decision.ChampionValue, decision.ChallengerValue));
        Assert.Equal(
        [
            "overall accuracy 0.840 is 0.010 below the champion's 0.850 (tolerance 0.005)",
            "slice dayPart=night: accuracy 0.700 is 0.050 below the champion's 0.750 (tolerance 0.020)",
        ], decision.Reasons);
        var night = Assert.Single(decision.Slices);
        Assert.True(night.Judged);
        Assert.Equal(0.05, night.Shortfall!.Value, 12);
    }

    [Fact]
    public void A_challenger_within_the_tolerance_passes_and_a_slice_with_too_few_outcomes_is_not_judged()
    {
        var slices = new[]
        {
            // 0.85 against 423 / 500 = 0.846: 0.004 below, within 0.005.
            Slice("*", Correct("v1", 4, 170, 200), Correct("v2", 1, 423, 500)),
            // 30 / 60 = 0.5 against 0.9, but on 60 outcomes, fewer than the 100 a slice needs to be judged.
            Slice("dayPart=night", Correct("v1", 4, 54, 60), Correct("v2", 1, 30, 60)),
        };
        var (champion, challenger) = PrequentialGate.Reports(slices, "v1", "v2")!.Value;

        var decision = PrequentialGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        Assert.True(decision.Passed, string.Join("; ", decision.Reasons));
        Assert.Equal(0.846, decision.ChallengerValue, 12);
        var night = Assert.Single(decision.Slices);
        Assert.Equal((false, 60, 60, true), (night.Judged, night.ChampionExamples, night.ChallengerExamples, night.Passed));
    }

    [Fact]
    public void A_challenger_better_overall_but_worse_in_a_judged_slice_is_refused()
    {
        var slices = new[]
        {
            Slice("*", Correct("v1", 0, 160, 200), Correct("v2", 0, 180, 200)),
            // 100 / 100 against 97 / 100: 0.03 worse, above the slice tolerance of 0.02.
            Slice("demandLevel=high", Correct("v1", 0, 100, 100), Correct("v2", 0, 97, 100)),
            // Better here: judged and passed.
            Slice("demandLevel=low", Correct("v1", 0, 50, 100), Correct("v2", 0, 80, 100)),
        };
        var (champion, challenger) = PrequentialGate.Reports(slices, "v1", "v2")!.Value;

        var decision = PrequentialGate.Decide(Gate, LabelKind.Binary, champion, challenger);

        Assert.False(decision.Passed);
        Assert.Equal(["slice demandLevel=high: accuracy 0.970 is 0.030 below the champion's 1.000 (tolerance 0.020)"], decision.Reasons);
        Assert.Equal([("demandLevel=high", false), ("demandLevel=low", true)], decision.Slices.Select(s => (s.Slice, s.Passed)));
    }

    [Fact]
    public void A_numeric_label_is_judged_on_rmse_lower_being_better()
    {
        static KeyValuePair<string, SliceFigures> Global(double championRmse, double challengerRmse) =>
            Slice("*", new WindowQuality("v1", 0, 500, null, championRmse), new WindowQuality("v2", 0, 500, null, challengerRmse));

        var better = PrequentialGate.Reports([Global(2.0, 1.5)], "v1", "v2")!.Value;
        var worse = PrequentialGate.Reports([Global(2.0, 2.1)], "v1", "v2")!.Value;

        var passed = PrequentialGate.Decide(Gate, LabelKind.Numeric, better.Champion, better.Challenger);
        var refused = PrequentialGate.Decide(Gate, LabelKind.Numeric, worse.Champion, worse.Challenger);

        Assert.Equal((true, "rmse", 2.0, 1.5), (passed.Passed, passed.Metric, passed.ChampionValue, passed.ChallengerValue));
        Assert.False(refused.Passed);
        Assert.Equal(["overall rmse 2.100 is 0.100 above the champion's 2.000 (tolerance 0.005)"], refused.Reasons);
    }

    [Fact]
    public void There_are_no_reports_until_both_versions_have_a_closed_window_on_the_global_slice()
    {
        var onlyChampion = new[] { Slice("*", Correct("v1", 0, 170, 200)), Slice("dayPart=night", Correct("v2", 0, 90, 100)) };
        var onlyChallenger = new[] { Slice("*", Correct("v2", 0, 170, 200)), Slice("dayPart=night", Correct("v1", 0, 90, 100)) };

        Assert.Null(PrequentialGate.Reports(onlyChampion, "v1", "v2"));
        Assert.Null(PrequentialGate.Reports(onlyChallenger, "v1", "v2"));
        Assert.Null(PrequentialGate.Reports([], "v1", "v2"));
    }
}
