namespace StreamMl.Core.Randomness;

/// <summary>
/// The one seeded random source of StreamMl (generators, learners, explanations): xoshiro256** seeded through
/// SplitMix64. Written here rather than taken from <see cref="Random"/> so that a seed gives the same numbers on
/// every runtime and platform, and so that its state can be saved with a learner: a loaded learner draws exactly the
/// numbers the saved one would have drawn. Generator: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number
/// generators", ACM Transactions on Mathematical Software 47(4), 2021.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public SeededRandom(long seed)
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

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>Standard normal, by Marsaglia's polar method (two per round; the second is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * m;
        return u * m;
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
        writer.Write(_spareGaussian.HasValue);
        if (_spareGaussian is { } spare) writer.Write(spare);
    }

    public void Load(BinaryReader reader)
    {
        (_s0, _s1, _s2, _s3) = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
        // xoshiro's only fixed point: a generator stuck there returns zeros forever.
        if ((_s0 | _s1 | _s2 | _s3) == 0) throw new InvalidDataException("random generator state is all zero");
        _spareGaussian = reader.ReadBoolean() ? reader.ReadDouble() : null;
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
