using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>A step CDF over sorted distinct values with counts: of raw samples, or of a sketch's buckets.</summary>
/// <remarks>
/// F(x) = (number of values ≤ x) / n. From a <see cref="QuantileSketch"/> the values are its
/// <see cref="QuantileSketch.Buckets"/> (each bucket's count at its representative value), so every
/// statistic computed on it is the exact statistic of that discrete approximation.
/// </remarks>
public sealed class EmpiricalDistribution
{
    private readonly double[] _values; // ascending, distinct
    private readonly long[] _cumulative; // number of values ≤ _values[i]

    private EmpiricalDistribution(double[] values, long[] cumulative)
    {
        _values = values;
        _cumulative = cumulative;
    }

    public long Count => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    /// <summary>The distinct values, ascending.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The distribution of raw samples; NaN is ignored.</summary>
    public static EmpiricalDistribution FromSamples(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Where(v => !double.IsNaN(v)).Order().ToArray();
        var values = new List<double>();
        var cumulative = new List<long>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (values.Count > 0 && values[^1] == sorted[i]) cumulative[^1]++;
            else
            {
                values.Add(sorted[i]);
                cumulative.Add(i + 1);
            }
        }
        return new EmpiricalDistribution([.. values], [.. cumulative]);
    }

    /// <summary>The discrete distribution a sketch represents (see <see cref="QuantileSketch.Buckets"/>).</summary>
    public static EmpiricalDistribution FromSketch(QuantileSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var values = new double[sketch.CopyBuckets([], [])];
        var cumulative = new long[values.Length];
        sketch.CopyBuckets(values, cumulative);
        for (var i = 1; i < cumulative.Length; i++) cumulative[i] += cumulative[i - 1];
        return new EmpiricalDistribution(values, cumulative);
    }

    /// <summary>Number of values ≤ <paramref name="x"/>.</summary>
    public long Rank(double x)
    {
        // Index of the last value ≤ x.
        var index = Array.BinarySearch(_values, x);
        var last = index >= 0 ? index : ~index - 1;
        return last < 0 ? 0 : _cumulative[last];
    }

    /// <summary>Fraction of values ≤ <paramref name="x"/>; NaN when empty.</summary>
    public double Cdf(double x) => Count == 0 ? double.NaN : (double)Rank(x) / Count;

    /// <summary>The sorted value at 0-based rank floor(q·(n − 1)), as <see cref="QuantileSketch.Quantile"/> defines it; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), "Must be in [0, 1].");
        if (Count == 0) return double.NaN;
        var rank = (long)Math.Floor(q * (Count - 1));
        // First value whose cumulative count exceeds the rank.
        var index = Array.BinarySearch(_cumulative, rank + 1);
        return _values[index >= 0 ? index : ~index];
    }

    /// <summary>Both CDFs at every distinct value of either side, ascending: (x, F_a(x), F_b(x)).</summary>
    internal static IEnumerable<(double X, double A, double B)> Steps(EmpiricalDistribution a, EmpiricalDistribution b)
    {
        double na = a.Count, nb = b.Count;
        int i = 0, j = 0;
        while (i < a._values.Length || j < b._values.Length)
        {
            var x = j >= b._values.Length || (i < a._values.Length && a._values[i] <= b._values[j])
                ? a._values[i]
                : b._values[j];
            while (i < a._values.Length && a._values[i] <= x) i++;
            while (j < b._values.Length && b._values[j] <= x) j++;
            yield return (x, i == 0 ? 0 : a._cumulative[i - 1] / na, j == 0 ? 0 : b._cumulative[j - 1] / nb);
        }
    }
}
