namespace StreamMl.Core.Statistics;

// The sketch read as a distribution: its buckets in order of value, and ranks.
public sealed partial class QuantileSketch
{
    /// <summary>The sketch as a discrete distribution: each bucket's count at its representative value clamped to [Min, Max], ascending.</summary>
    /// <remarks>
    /// Every value v is moved by at most α·|v| (the clamp only moves it closer), so this distribution's CDF
    /// lies between the true CDF at x·(1 − α) and at x / (1 − α) for x &gt; 0 (mirrored for x &lt; 0).
    /// Equal clamped values are combined into one entry.
    /// </remarks>
    public IReadOnlyList<SketchBucket> Buckets()
    {
        var values = new double[CopyBuckets([], [])];
        var counts = new long[values.Length];
        CopyBuckets(values, counts);
        var buckets = new SketchBucket[values.Length];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = new SketchBucket(values[i], counts[i]);
        return buckets;
    }

    /// <summary>
    /// Writes <see cref="Buckets"/> into <paramref name="values"/> and <paramref name="counts"/> when they are long
    /// enough (empty spans only count); returns how many buckets there are.
    /// </summary>
    internal int CopyBuckets(Span<double> values, Span<long> counts)
    {
        var write = values.Length > 0;
        var n = 0;
        for (var walk = new Walk(this); walk.MoveNext();)
        {
            if (n > 0 && walk.Value == walk.Previous)
            {
                if (write) counts[n - 1] += walk.Count;
                continue;
            }
            if (write)
            {
                values[n] = walk.Value;
                counts[n] = walk.Count;
            }
            n++;
        }
        return n;
    }

    /// <summary>Estimated number of values ≤ <paramref name="x"/>: the count of <see cref="Buckets"/> whose value is ≤ x.</summary>
    /// <remarks>Exact below <see cref="Min"/> (0) and from <see cref="Max"/> on (<see cref="Count"/>); elsewhere within the bucket holding x.</remarks>
    public long Rank(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), "Must not be NaN.");
        if (Count == 0 || x < Min) return 0;
        if (x >= Max) return Count;
        long rank = 0;
        for (var walk = new Walk(this); walk.MoveNext() && walk.Value <= x;) rank += walk.Count;
        return rank;
    }

    /// <summary>
    /// The non-empty buckets in ascending order of value (negative ones from the largest magnitude down, then zero,
    /// then positive ones), each at its representative value clamped to [Min, Max]; equal values are not combined.
    /// </summary>
    private ref struct Walk(QuantileSketch sketch)
    {
        private readonly ReadOnlySpan<long> _negative = sketch.Negative.Used;
        private readonly ReadOnlySpan<long> _positive = sketch.Positive.Used;
        private int _step = -1; // steps through the negative store descending, zero, then the positive store ascending

        public double Value { get; private set; } = double.NaN;

        /// <summary>The value before <see cref="Value"/>.</summary>
        public double Previous { get; private set; } = double.NaN;

        public long Count { get; private set; }

        public bool MoveNext()
        {
            if (sketch.Count == 0) return false;
            while (++_step < _negative.Length + 1 + _positive.Length)
            {
                double value;
                if (_step < _negative.Length)
                {
                    var i = _negative.Length - 1 - _step;
                    Count = _negative[i];
                    value = -sketch.Value(sketch.Negative.Offset + i);
                }
                else if (_step == _negative.Length)
                {
                    Count = sketch.ZeroCount;
                    value = 0;
                }
                else
                {
                    var i = _step - _negative.Length - 1;
                    Count = _positive[i];
                    value = sketch.Value(sketch.Positive.Offset + i);
                }
                if (Count == 0) continue;
                Previous = Value;
                Value = Math.Clamp(value, sketch.Min, sketch.Max);
                return true;
            }
            return false;
        }
    }

    /// <summary>Estimated fraction of values ≤ <paramref name="x"/>, <see cref="Rank"/> / <see cref="Count"/>; NaN when empty.</summary>
    public double Cdf(double x) => Count == 0 ? double.NaN : (double)Rank(x) / Count;
}
