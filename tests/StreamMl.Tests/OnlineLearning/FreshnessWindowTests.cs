using StreamMl.Core.OnlineLearning;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// The lag figures of a model's predictions are nearest-rank percentiles (the smallest value with at least q of the
/// values at or below it) of the last 8,192 predictions, checked against values worked out by hand.
/// </summary>
public sealed class FreshnessWindowTests
{
    [Fact]
    public void There_is_no_summary_before_any_prediction()
    {
        var window = new FreshnessWindow();
        window.Record(5, 5, 0);

        Assert.Null(window.Summary());
    }

    [Fact]
    public void The_median_and_99th_percentile_of_ten_values_are_the_5th_and_10th_smallest()
    {
        var window = new FreshnessWindow();
        long[] labels = [7, 3, 9, 1, 10, 4, 8, 2, 6, 5];
        foreach (var l in labels) window.Record(l, 100 * l + 1, 1);

        // Nearest rank: ⌈0.5·10⌉ = 5th and ⌈0.99·10⌉ = 10th smallest; an interpolated median would be 5.5.
        Assert.Equal(new FreshnessSummary(10, 5, 10, 501, 1001), window.Summary());
    }

    [Fact]
    public void The_99th_percentile_of_a_hundred_predictions_is_the_99th_smallest_and_of_a_hundred_and_one_the_100th()
    {
        var window = new FreshnessWindow();
        window.Record(0, 0, 90);
        window.Record(10, 500, 9);
        window.Record(1000, 60_000, 1);

        // Sorted labels behind: 90 zeros, 9 tens, one 1000. ⌈0.99·100⌉ = 99 is the last ten.
        Assert.Equal(new FreshnessSummary(100, 0, 10, 0, 500), window.Summary());

        window.Record(1000, 60_000, 1);

        // ⌈0.99·101⌉ = ⌈99.99⌉ = 100: the first 1000; ⌈0.5·101⌉ = 51 is still a zero.
        Assert.Equal(new FreshnessSummary(101, 0, 1000, 0, 60_000), window.Summary());
    }

    [Fact]
    public void The_median_of_five_values_is_the_third_smallest_and_of_one_value_that_value()
    {
        var five = new FreshnessWindow();
        foreach (var l in new long[] { 50, 10, 40, 20, 30 }) five.Record(l, l * 2, 1);
        var one = new FreshnessWindow();
        one.Record(8, 9, 1);

        // ⌈0.5·5⌉ = ⌈2.5⌉ = 3rd smallest (rounding 2.5 half to even would give the 2nd); ⌈0.99·5⌉ = 5th.
        Assert.Equal(new FreshnessSummary(5, 30, 50, 60, 100), five.Summary());
        Assert.Equal(new FreshnessSummary(1, 8, 8, 9, 9), one.Summary());
    }

    [Fact]
    public void The_99th_percentile_of_150_values_is_the_149th_smallest()
    {
        var window = new FreshnessWindow();
        for (var i = 1; i <= 150; i++) window.Record(i, 1_000 + i, 1);

        // ⌈0.99·150⌉ = ⌈148.5⌉ = 149; ⌈0.5·150⌉ = 75.
        Assert.Equal(new FreshnessSummary(150, 75, 149, 1_075, 1_149), window.Summary());
    }

    [Fact]
    public void A_median_of_an_even_count_is_the_lower_middle_value()
    {
        var window = new FreshnessWindow();
        window.Record(1, 10, 2);
        window.Record(3, 30, 2);

        Assert.Equal(new FreshnessSummary(4, 1, 3, 10, 30), window.Summary());
    }

    [Fact]
    public void Only_the_last_8192_predictions_count()
    {
        var window = new FreshnessWindow();
        window.Record(1_000, 1_000, 5_000);
        window.Record(1, 2, FreshnessWindow.Capacity - 100);

        // 100 of the old lag remain among 8,192: 1.2% of the values, so the 99th percentile sees them.
        Assert.Equal(new FreshnessSummary(8192, 1, 1_000, 2, 1_000), window.Summary());

        window.Record(1, 2, 100);
        Assert.Equal(new FreshnessSummary(8192, 1, 1, 2, 2), window.Summary());
    }

    [Fact]
    public void A_batch_larger_than_the_window_fills_it_once()
    {
        var window = new FreshnessWindow();
        window.Record(3, 4, 50_000);

        Assert.Equal(new FreshnessSummary(8192, 3, 3, 4, 4), window.Summary());
    }
}
