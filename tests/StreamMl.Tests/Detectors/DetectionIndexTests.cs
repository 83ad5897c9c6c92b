using Xunit;
using StreamMl.Core.Drift.Detectors;
using static StreamMl.Tests.Detectors.DetectorStreams;

namespace StreamMl.Tests.Detectors;

/// <summary>
/// Each detector on a seeded stream that changes at index 1,000 (<see cref="DetectorStreams.ChangeAt"/>):
/// the exact detection indices are pinned, like River's doctests, and the property they stand for is
/// asserted next to them: no alarm before the change, the first alarm within a stated delay after it.
/// </summary>
public class DetectionIndexTests
{
    private const int Length = 2_000;

    private static void AssertDetectsAfterChange(int[] detections, int maxDelay)
    {
        Assert.NotEmpty(detections);
        Assert.All(detections, i => Assert.True(i >= ChangeAt, $"false alarm at {i}, before the change at {ChangeAt}"));
        Assert.InRange(detections[0] - ChangeAt, 0, maxDelay);
    }

    [Fact]
    public void Adwin_detects_a_unit_mean_shift_of_a_normal_stream_within_64_updates()
    {
        // N(0, 1) → N(1, 1). ADWIN tests its cuts every 32 updates (clock), so detections fall on i ≡ 31 (mod 32).
        var detections = Detections(new Adwin(), Normal(Length, seed: 1, before: 0, after: 1));

        Assert.Equal(new[] { 1055, 1087 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 64);
    }

    [Fact]
    public void Adwin_shrinks_its_window_to_the_new_concept()
    {
        var adwin = new Adwin();
        foreach (var x in Normal(Length, seed: 1, before: 0, after: 1)) adwin.Update(x);

        // After the drift the window holds the values since the change and a few dozen from before it,
        // too few to make a significant split.
        Assert.InRange(adwin.Width, Length - ChangeAt, Length - ChangeAt + 64);
        Assert.InRange(adwin.Estimation, 0.8, 1.2);
        Assert.InRange(adwin.Variance, 0.7, 1.3);
    }

    [Fact]
    public void Page_hinkley_detects_a_half_unit_shift_of_a_uniform_stream_within_100_updates()
    {
        // U(0, 1) → U(0.5, 1.5). The threshold λ = 50 is in units of x: on a unit-variance stream the published
        // defaults raise false alarms (see FalseAlarmTests), so this stream has standard deviation 0.29.
        var detections = Detections(new PageHinkley(), Uniform(Length, seed: 1, shift: 0.5));

        Assert.Equal(new[] { 1074 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 100);
    }

    [Fact]
    public void Page_hinkley_in_up_mode_ignores_a_decrease_that_both_mode_detects()
    {
        var stream = Uniform(Length, seed: 1, shift: -0.5);

        Assert.Empty(Detections(new PageHinkley(mode: PageHinkleyMode.Up), stream));
        AssertDetectsAfterChange(Detections(new PageHinkley(mode: PageHinkleyMode.Both), stream), maxDelay: 100);
        AssertDetectsAfterChange(Detections(new PageHinkley(mode: PageHinkleyMode.Down), stream), maxDelay: 100);
    }

    [Fact]
    public void Ddm_detects_an_error_rate_rising_from_10_to_50_percent_within_100_updates()
    {
        var detections = Detections(new Ddm(), Errors(Length, seed: 1, before: 0.1, after: 0.5));

        Assert.Equal(new[] { 1026 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 100);
    }

    [Fact]
    public void Eddm_detects_an_error_rate_rising_from_10_to_50_percent_within_100_updates()
    {
        var detections = Detections(new Eddm(), Errors(Length, seed: 1, before: 0.1, after: 0.5));

        Assert.Equal(new[] { 1031 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 100);
    }

    [Fact]
    public void Hddm_a_detects_an_error_rate_rising_from_10_to_50_percent_within_50_updates_after_a_warning()
    {
        var (drifts, warnings) = Run(new HddmA(), Errors(Length, seed: 1, before: 0.1, after: 0.5));

        Assert.Equal(new[] { 1017 }, drifts);
        AssertDetectsAfterChange(drifts, maxDelay: 50);
        Assert.Equal(1012, warnings[0]);
        Assert.InRange(warnings[0], ChangeAt, drifts[0] - 1);
    }

    [Fact]
    public void Hddm_a_detects_a_falling_error_rate_only_when_two_sided()
    {
        var stream = Errors(Length, seed: 2, before: 0.5, after: 0.1);

        Assert.Empty(Detections(new HddmA(), stream));
        var detections = Detections(new HddmA(twoSided: true), stream);
        Assert.Equal(new[] { 1040 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 50);
    }

    [Fact]
    public void Kswin_detects_a_unit_mean_shift_of_a_normal_stream_within_50_updates()
    {
        var detections = Detections(new Kswin(), Normal(Length, seed: 1, before: 0, after: 1));

        Assert.Equal(new[] { 1020 }, detections);
        AssertDetectsAfterChange(detections, maxDelay: 50);
    }
}
