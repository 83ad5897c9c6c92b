using StreamMl.Bench.Drift;
using Xunit;

namespace StreamMl.Tests.BenchDrift;

/// <summary>Detection, delay and false-alarm arithmetic of the drift benchmark on hand-made alarm lists.</summary>
public class DetectionScoringTests
{
    private const long P = 50_000;
    private const long Horizon = 5_000;

    [Fact]
    public void The_first_alarm_at_or_after_the_drift_gives_the_delay_and_earlier_ones_are_false_alarms()
    {
        var score = DetectionScoring.Score([100, 50_020, 50_100], P, Horizon);

        Assert.Equal(new RunScore(true, 20, 1), score);
    }

    [Fact]
    public void An_alarm_at_the_drift_position_has_delay_zero()
    {
        Assert.Equal(new RunScore(true, 0, 0), DetectionScoring.Score([P], P, Horizon));
    }

    [Fact]
    public void The_detection_window_includes_its_end_and_nothing_after_it()
    {
        Assert.Equal(new RunScore(true, 5_000, 0), DetectionScoring.Score([55_000], P, Horizon));
        Assert.Equal(new RunScore(false, null, 1), DetectionScoring.Score([49_999, 55_001], P, Horizon));
    }

    [Fact]
    public void Alarms_need_not_be_sorted()
    {
        Assert.Equal(new RunScore(true, 10, 2), DetectionScoring.Score([50_300, 7, 50_010, 49_000], P, Horizon));
    }

    [Fact]
    public void No_alarms_is_a_miss_without_false_alarms()
    {
        Assert.Equal(new RunScore(false, null, 0), DetectionScoring.Score([], P, Horizon));
    }

    [Fact]
    public void Window_indices_score_like_events()
    {
        // Drift in window 25, horizon of two more windows: windows 25..27 detect.
        Assert.Equal(new RunScore(true, 2, 3), DetectionScoring.Score([3, 10, 24, 27, 30], 25, 2));
        Assert.Equal(new RunScore(false, null, 0), DetectionScoring.Score([28], 25, 2));
    }

    [Fact]
    public void Summaries_average_delays_over_detecting_runs_only_and_sum_false_alarms()
    {
        RunScore[] runs =
        [
            DetectionScoring.Score([100, 50_020], P, Horizon),    // delay 20, 1 false alarm
            DetectionScoring.Score([49_999, 60_000], P, Horizon), // missed, 1 false alarm
            DetectionScoring.Score([55_000], P, Horizon),         // delay 5,000
            DetectionScoring.Score([], P, Horizon),               // missed
        ];

        var summary = DetectionScoring.Summarise(runs);

        Assert.Equal(new DriftSummary(4, 2, 2_510.0, 5_000, 2), summary);
        Assert.Equal(0.5, summary.DetectionRate);
    }

    [Fact]
    public void A_summary_of_no_detections_has_no_delays()
    {
        var summary = DetectionScoring.Summarise([new RunScore(false, null, 3)]);

        Assert.Equal(new DriftSummary(1, 0, null, null, 3), summary);
        Assert.Equal(0, summary.DetectionRate);
        Assert.Equal(new DriftSummary(0, 0, null, null, 0), DetectionScoring.Summarise([]));
    }

    [Fact]
    public void False_alarm_rates_are_per_unit_observed()
    {
        Assert.Equal(1.0, DetectionScoring.Rate(3, 300_000, 100_000), 12);
        Assert.Equal(12.5, DetectionScoring.Rate(6, 48, 100), 12);
        Assert.Equal(0, DetectionScoring.Rate(0, 0, 100_000));
    }
}
