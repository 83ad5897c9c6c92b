using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>DDSketch quantile summary with relative-error guarantees, exactly mergeable.</summary>
/// <remarks>
/// <para>Masson, Rim and Lee, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with Relative-Error
/// Guarantees", PVLDB 12(12), 2019. A value x &gt; 0 goes to bucket i = ceil(log_γ x) with
/// γ = (1 + α) / (1 − α), i.e. the bucket (γ^(i−1), γ^i]; the bucket is represented by 2γ^i / (γ + 1),
/// which is within relative error α of every value in it. Negative values use a second store on |x|;
/// magnitudes below <see cref="MinIndexableValue"/> (and zero) are counted in <see cref="ZeroCount"/>.</para>
/// <para>Quantile definition: for n values sorted ascending as v[0..n−1], <see cref="Quantile"/>(q)
/// estimates v[floor(q · (n − 1))] (lower, rank-based; no interpolation), with relative error at most α.
/// q = 0 and q = 1 return the exact <see cref="Min"/> and <see cref="Max"/>.</para>
/// <para>Each store keeps at most <see cref="MaxBuckets"/> buckets; beyond that its lowest-magnitude
/// buckets are folded into the lowest kept one. The guarantee then holds only for quantiles whose
/// magnitude lies above the collapsed range (for positive data: quantiles above it). With α = 0.01 the
/// default 2048 buckets span a ratio of about 6·10^17 between smallest and largest magnitude before
/// collapsing. While nothing collapses, merging is exact: the merge of sketches of two data sets equals
/// the sketch of their union, bucket for bucket.</para>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed partial class QuantileSketch : IEquatable<QuantileSketch>
{
    public const double DefaultRelativeAccuracy = 0.01;
    public const int DefaultMaxBuckets = 2048;

    private readonly double _relativeAccuracy;
    private readonly double _gamma;
    private readonly double _multiplier; // 1 / ln γ
    private readonly double _minIndexable;
    private readonly int _maxIndex;
    private readonly int _maxBuckets;

    public QuantileSketch() : this(DefaultRelativeAccuracy, DefaultMaxBuckets)
    {
    }

    public QuantileSketch(double relativeAccuracy, int maxBuckets = DefaultMaxBuckets)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), "Must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        _relativeAccuracy = relativeAccuracy;
        _maxBuckets = maxBuckets;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _multiplier = 1 / Math.Log(_gamma);
        // Below the smallest normal double, log stops being accurate enough to index reliably.
        _minIndexable = 2.2250738585072014E-308 * _gamma;
        _maxIndex = (int)Math.Ceiling(Math.Log(double.MaxValue) * _multiplier);
    }

    [JsonConstructor]
    public QuantileSketch(
        double relativeAccuracy, int maxBuckets, BucketStore positive, BucketStore negative,
        long zeroCount, double min, double max)
        : this(relativeAccuracy, maxBuckets)
    {
        Positive = positive ?? throw new ArgumentNullException(nameof(positive));
        Negative = negative ?? throw new ArgumentNullException(nameof(negative));
        ZeroCount = zeroCount;
        Min = min;
        Max = max;
    }

    /// <summary>The guaranteed relative error α.</summary>
    public double RelativeAccuracy => _relativeAccuracy;

    public int MaxBuckets => _maxBuckets;

    /// <summary>Buckets of values &gt; 0.</summary>
    public BucketStore Positive { get; private set; } = new();

    /// <summary>Buckets of |x| for values &lt; 0.</summary>
    public BucketStore Negative { get; private set; } = new();

    public long ZeroCount { get; private set; }

    /// <summary>Exact smallest value added (+∞ when empty).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Exact largest value added (−∞ when empty).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    [JsonIgnore]
    public long Count => Positive.Total + Negative.Total + ZeroCount;

    /// <summary>Magnitudes below this are counted as zero.</summary>
    [JsonIgnore]
    public double MinIndexableValue => _minIndexable;

    /// <summary>True when a bucket cap was hit, so the lowest magnitudes lost their guarantee.</summary>
    [JsonIgnore]
    public bool Collapsed => Positive.Collapsed || Negative.Collapsed;

    /// <summary>Adds a value; NaN is ignored (callers count missing values).</summary>
    public void Add(double value) => Add(Bucket(value));

    /// <summary>A value with its bucket in the sketches of this one's relative accuracy, for <see cref="Add(BucketedValue)"/>.</summary>
    public BucketedValue Bucket(double value)
    {
        var magnitude = Math.Abs(value);
        return new BucketedValue(value, magnitude > _minIndexable ? Index(magnitude) : 0, _relativeAccuracy);
    }

    /// <summary>Adds a value whose bucket was worked out before (by any sketch: one of another accuracy is worked out again); NaN is ignored.</summary>
    public void Add(BucketedValue bucketed)
    {
        // Exact comparison on purpose: the bucket boundaries are those of exactly this accuracy.
        if (bucketed.RelativeAccuracy != _relativeAccuracy) bucketed = Bucket(bucketed.Value);
        var value = bucketed.Value;
        if (double.IsNaN(value)) return;
        if (value > _minIndexable) Positive.Add(bucketed.Index, 1, _maxBuckets);
        else if (value < -_minIndexable) Negative.Add(bucketed.Index, 1, _maxBuckets);
        else ZeroCount++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        // Different α means different bucket boundaries: counts cannot be added bucket by bucket.
        if (other._relativeAccuracy != _relativeAccuracy)
            throw new ArgumentException("Cannot merge sketches with different relative accuracy.", nameof(other));
        Positive.Merge(other.Positive, _maxBuckets);
        Negative.Merge(other.Negative, _maxBuckets);
        ZeroCount += other.ZeroCount;
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }

    /// <summary>
    /// Gives this sketch, while it is empty, the room <paramref name="other"/>'s values take (see
    /// <see cref="BucketStore.ReserveLike"/>); nothing when the two differ in accuracy, whose buckets are not the same.
    /// </summary>
    internal void ReserveLike(QuantileSketch other)
    {
        if (other._relativeAccuracy != _relativeAccuracy) return;
        Positive.ReserveLike(other.Positive);
        Negative.ReserveLike(other.Negative);
    }

    /// <summary>Estimate of v[floor(q·(n−1))] of the sorted values, within relative error α; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), "Must be in [0, 1].");
        var count = Count;
        if (count == 0) return double.NaN;

        var rank = (long)Math.Floor(q * (count - 1));
        if (rank == 0) return Min;
        if (rank == count - 1) return Max;

        double estimate;
        if (rank < Negative.Total)
            estimate = -Value(Negative.IndexAtRankDescending(rank));
        else if (rank < Negative.Total + ZeroCount)
            estimate = 0;
        else
            estimate = Value(Positive.IndexAtRankAscending(rank - Negative.Total - ZeroCount));

        // The true value lies in [Min, Max], so clamping only moves the estimate closer to it.
        return Math.Clamp(estimate, Min, Max);
    }

    public QuantileSketch Clone() =>
        new(_relativeAccuracy, _maxBuckets, Positive.Clone(), Negative.Clone(), ZeroCount, Min, Max);

    private int Index(double magnitude)
    {
        var index = Math.Ceiling(Math.Log(magnitude) * _multiplier);
        // +∞ would overflow the cast; it lands in the top bucket and Max keeps it exact.
        return index < _maxIndex ? (int)index : _maxIndex;
    }

    private double Value(int index) => 2 * Math.Exp(index / _multiplier) / (_gamma + 1);

    public bool Equals(QuantileSketch? other) =>
        other is not null
        && _relativeAccuracy.Equals(other._relativeAccuracy)
        && _maxBuckets == other._maxBuckets
        && ZeroCount == other.ZeroCount
        && Min.Equals(other.Min)
        && Max.Equals(other.Max)
        && Positive.Equals(other.Positive)
        && Negative.Equals(other.Negative);

    public override bool Equals(object? obj) => Equals(obj as QuantileSketch);

    public override int GetHashCode() => HashCode.Combine(_relativeAccuracy, Count, Min, Max);
}
