using StreamMl.Streams.Replay;
using Xunit;

namespace StreamMl.Tests.Replay;

public class PacingTests
{
    [Fact]
    public void No_wait_with_a_whole_token()
    {
        Assert.Equal(TimeSpan.Zero, Pacing.WaitTime(1, 100));
        Assert.Equal(TimeSpan.Zero, Pacing.WaitTime(7.5, 100));
    }

    [Fact]
    public void Waits_for_the_shortfall_at_the_rate()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), Pacing.WaitTime(0.5, 1));
        Assert.Equal(TimeSpan.FromSeconds(0.1), Pacing.WaitTime(0, 10));
        Assert.Equal(TimeSpan.FromMilliseconds(6), Pacing.WaitTime(0.4, 100));
    }

    [Fact]
    public void Never_waits_less_than_a_timer_tick()
    {
        Assert.Equal(Pacing.MinimumWait, Pacing.WaitTime(0.999, 1_000_000));
    }

    [Fact]
    public void Refill_earns_tokens_and_caps_at_the_burst()
    {
        Assert.Equal(3, Pacing.Refill(1, rate: 20, burst: 10, elapsedSeconds: 0.1), 9);
        Assert.Equal(10, Pacing.Refill(1, rate: 20, burst: 10, elapsedSeconds: 60));
        Assert.Equal(1, Pacing.Refill(1, rate: 20, burst: 10, elapsedSeconds: -5));
        Assert.Equal(100, Pacing.DefaultBurst(1000));
        Assert.Equal(1, Pacing.DefaultBurst(2));
    }

    [Fact]
    public void A_bucket_driven_by_a_fake_clock_keeps_the_rate()
    {
        const double rate = 1000;
        var now = TimeSpan.Zero;
        var bucket = new TokenBucket(rate, start: now);
        var sent = 0;
        var sleeps = 0;
        while (now < TimeSpan.FromSeconds(10))
        {
            var wait = bucket.Acquire(now);
            if (wait == TimeSpan.Zero)
            {
                sent++;
                continue;
            }
            Assert.True(wait >= Pacing.MinimumWait);
            // Timers oversleep: add 0.7 ms; the burst should make up for it.
            now += wait + TimeSpan.FromTicks(7_000);
            sleeps++;
        }
        Assert.InRange(sent, 9_950, 10_050);
        Assert.True(sleeps < sent / 2, $"{sleeps} sleeps for {sent} events: it should send in bursts, not sleep per event");
    }

    [Fact]
    public void A_slow_bucket_sends_one_then_waits()
    {
        var bucket = new TokenBucket(2, start: TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, bucket.Acquire(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.Acquire(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(250), bucket.Acquire(TimeSpan.FromMilliseconds(250)));
        Assert.Equal(TimeSpan.Zero, bucket.Acquire(TimeSpan.FromMilliseconds(500)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bucket_needs_a_positive_rate(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate));
    }
}
