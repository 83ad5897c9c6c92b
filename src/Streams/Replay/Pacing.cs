namespace StreamMl.Streams.Replay;

/// <summary>The arithmetic of a token bucket, as pure functions of the time passed in (no clock).</summary>
public static class Pacing
{
    /// <summary>
    /// The shortest sleep. Shorter waits would return at once (a spin) or wake per event; at high rates the
    /// sender instead sleeps this long and sends the tokens earned meanwhile as one burst (the producer's linger is 5 ms too).
    /// </summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Tokens the bucket may hold: a tenth of a second of events (at least one), so oversleeping by a few
    /// milliseconds is made up by the next burst instead of lowering the rate.
    /// </summary>
    public static double DefaultBurst(double rate) => Math.Max(1, rate * 0.1);

    /// <summary>The tokens after <paramref name="elapsedSeconds"/> at <paramref name="rate"/> per second, capped at <paramref name="burst"/>.</summary>
    public static double Refill(double tokens, double rate, double burst, double elapsedSeconds) =>
        Math.Min(burst, tokens + rate * Math.Max(0, elapsedSeconds));

    /// <summary>
    /// How long to wait before one token is available: zero when <paramref name="tokens"/> holds one already,
    /// else the time to earn the shortfall at <paramref name="rate"/>, but never less than <see cref="MinimumWait"/>.
    /// </summary>
    public static TimeSpan WaitTime(double tokens, double rate)
    {
        if (tokens >= 1) return TimeSpan.Zero;
        if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), rate, "the rate must be positive to wait for a token");
        var wait = TimeSpan.FromSeconds((1 - tokens) / rate);
        return wait < MinimumWait ? MinimumWait : wait;
    }
}

/// <summary>A token bucket driven by the caller's clock: <see cref="Acquire"/> is given the current time.</summary>
public sealed class TokenBucket
{
    private TimeSpan _last;

    /// <param name="rate">Tokens earned per second; must be positive.</param>
    /// <param name="burst">Most tokens held at once; <see cref="Pacing.DefaultBurst"/> when null.</param>
    /// <param name="start">The clock reading at which the bucket starts (holding one token).</param>
    public TokenBucket(double rate, double? burst = null, TimeSpan start = default)
    {
        if (!(rate > 0) || double.IsInfinity(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "the rate must be a positive number");
        Rate = rate;
        Burst = burst ?? Pacing.DefaultBurst(rate);
        if (!(Burst >= 1)) throw new ArgumentOutOfRangeException(nameof(burst), burst, "the burst must be at least one token");
        Tokens = 1;
        _last = start;
    }

    public double Rate { get; }
    public double Burst { get; }
    public double Tokens { get; private set; }

    /// <summary>Takes a token if one is there at <paramref name="now"/> and returns zero; otherwise takes nothing and returns how long to wait.</summary>
    public TimeSpan Acquire(TimeSpan now)
    {
        if (now > _last)
        {
            Tokens = Pacing.Refill(Tokens, Rate, Burst, (now - _last).TotalSeconds);
            _last = now;
        }
        var wait = Pacing.WaitTime(Tokens, Rate);
        if (wait == TimeSpan.Zero) Tokens -= 1;
        return wait;
    }
}
