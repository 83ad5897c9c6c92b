using StreamMl.Core.Lifecycle;
using Xunit;

namespace StreamMl.Tests.Lifecycle;

public sealed class HoldoutSplitTests
{
    [Fact]
    public void The_newest_share_is_held_out_in_order()
    {
        var snapshot = Enumerable.Range(0, 10).ToArray();

        var (training, holdout) = HoldoutSplit.Split(snapshot, 0.2);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], training);
        Assert.Equal([8, 9], holdout);
    }

    [Theory]
    [InlineData(10_000, 0.2, 2_000)]
    [InlineData(1_001, 0.2, 201)]   // rounded up
    [InlineData(3, 0.01, 1)]        // a non-empty snapshot holds out at least one
    [InlineData(0, 0.5, 0)]
    public void The_hold_out_is_the_fraction_rounded_up(int count, double fraction, int expected)
    {
        Assert.Equal(expected, HoldoutSplit.HoldoutCount(count, fraction));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    public void A_fraction_outside_zero_to_one_is_refused(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutSplit.HoldoutCount(10, fraction));
    }
}
