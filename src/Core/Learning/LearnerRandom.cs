namespace StreamMl.Core.Learning;

/// <summary>The learners' seeded random source: xoshiro256** seeded through SplitMix64.</summary>
/// <remarks>
/// Written here rather than taken from <see cref="Random"/> so that a seed gives the same stream on every
/// runtime and platform, and so that the generator's state can be saved with a learner: a loaded learner
/// draws exactly the numbers the saved one would have drawn. Generator: D. Blackman, S. Vigna, "Scrambled
/// linear pseudorandom number generators", ACM Transactions on Mathematical Software 47(4), 2021.
/// </remarks>
internal sealed class LearnerRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public LearnerRandom(long seed)
    {
        var x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A seed for an independent sub-stream, derived from a parent seed and a stream number.</summary>
    public static long Derive(long seed, long stream)
    {
        var x = unchecked((ulong)seed ^ ((ulong)stream * 0xD1B54A32D192ED03UL) ^ 0x9E3779B97F4A7C15UL);
        return unchecked((long)SplitMix(ref x));
    }

    public ulong NextUInt64()
    {
        var result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>A Poisson(λ) count by inversion of the cumulative distribution: one uniform per draw.</summary>
    /// <remarks>Meant for the small rates of online bagging (λ = 1 or 6); the walk stops at 1,000 in any case.</remarks>
    public int Poisson(double lambda)
    {
        var u = NextDouble();
        var p = Math.Exp(-lambda);
        var cumulative = p;
        var k = 0;
        while (u > cumulative && k < 1000)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
            if (p == 0) break;
        }
        return k;
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_s0);
        writer.Write(_s1);
        writer.Write(_s2);
        writer.Write(_s3);
    }

    public void Load(BinaryReader reader)
    {
        (_s0, _s1, _s2, _s3) = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
        // xoshiro's only fixed point: a generator stuck there returns zeros forever.
        if ((_s0 | _s1 | _s2 | _s3) == 0) throw new InvalidDataException("random generator state is all zero");
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
