using Xunit;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Statistics;

public class QuantileSketchTests
{
    private const double Alpha = 0.01;

    // Slack for floating-point rounding of log/exp at bucket boundaries, relative to the bound itself.
    private const double RoundingSlack = 1e-9;

    private static readonly double[] Qs = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

    public static TheoryData<string> Distributions => new()
    {
        "uniform", "normal", "lognormal", "ties", "zeros-and-negatives", "negative-only",
    };

    private static double[] Data(string name) => name switch
    {
        "uniform" => Samples.Uniform(100_000, 1, 0, 1000),
        "normal" => Samples.Normal(100_000, 2, 100, 15),
        "lognormal" => Samples.LogNormal(100_000, 3, 0, 2),
        // Few distinct values: quantiles fall on long runs of ties.
        "ties" => Samples.Uniform(100_000, 4, 0, 20).Select(Math.Floor).ToArray(),
        // A normal around zero with a block of exact zeros.
        "zeros-and-negatives" => Samples.Normal(80_000, 5, 0, 50).Concat(new double[20_000]).ToArray(),
        "negative-only" => Samples.LogNormal(50_000, 6, 1, 1).Select(v => -v).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static QuantileSketch Of(IEnumerable<double> values, double alpha = Alpha, int maxBuckets = 2048)
    {
        var sketch = new QuantileSketch(alpha, maxBuckets);
        foreach (var v in values) sketch.Add(v);
        return sketch;
    }

    /// <summary>The definition the sketch promises: the sorted value at rank floor(q·(n−1)).</summary>
    private static double Exact(double[] sorted, double q) => sorted[(int)Math.Floor(q * (sorted.Length - 1))];

    private static void AssertWithinBound(double[] sorted, QuantileSketch sketch, double q, double alpha = Alpha)
    {
        var exact = Exact(sorted, q);
        var estimate = sketch.Quantile(q);
        var bound = alpha * Math.Abs(exact) * (1 + RoundingSlack);
        Assert.True(Math.Abs(estimate - exact) <= bound,
            $"q={q}: estimate {estimate:R} vs exact {exact:R}, error {Math.Abs(estimate - exact):R} > {bound:R}");
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Quantiles_are_within_relative_accuracy_of_exact_rank_quantiles(string distribution)
    {
        var values = Data(distribution);
        var sorted = values.Order().ToArray();

        var sketch = Of(values);

        Assert.False(sketch.Collapsed);
        Assert.Equal(values.Length, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        foreach (var q in Qs) AssertWithinBound(sorted, sketch, q);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.001)]
    public void Other_accuracies_hold_their_bound(double alpha)
    {
        var values = Samples.LogNormal(30_000, 11, 2, 1.5);
        var sorted = values.Order().ToArray();
        // Finer buckets need more of them to span the same range without collapsing.
        var sketch = Of(values, alpha, maxBuckets: 20_000);
        Assert.False(sketch.Collapsed);
        foreach (var q in Qs) AssertWithinBound(sorted, sketch, q, alpha);
    }

    [Fact]
    public void Zero_is_returned_exactly_and_NaN_is_ignored()
    {
        var sketch = Of([-1, 0, 0, 0, 2, double.NaN]);

        Assert.Equal(5, sketch.Count);
        Assert.Equal(3, sketch.ZeroCount);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.Equal(-1, sketch.Quantile(0));
        Assert.Equal(2, sketch.Quantile(1));
    }

    [Fact]
    public void Empty_sketch_has_no_quantiles_and_rejects_bad_q()
    {
        var sketch = new QuantileSketch();
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.Equal(0, sketch.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(double.NaN));
    }

    [Theory]
    [InlineData("uniform", 2)]
    [InlineData("normal", 3)]
    [InlineData("lognormal", 5)]
    [InlineData("ties", 8)]
    [InlineData("zeros-and-negatives", 4)]
    [InlineData("zeros-and-negatives", 7)]
    public void Merged_parts_equal_the_sketch_of_the_union(string distribution, int parts)
    {
        var values = Data(distribution);
        var sorted = values.Order().ToArray();
        var union = Of(values);

        var merged = new QuantileSketch();
        foreach (var part in Samples.Partition(values, parts, seed: parts)) merged.Merge(Of(part));

        Assert.True(union.Equals(merged));
        foreach (var q in Qs)
        {
            Assert.Equal(union.Quantile(q), merged.Quantile(q));
            AssertWithinBound(sorted, merged, q);
        }
    }

    [Fact]
    public void Collapsing_keeps_the_guarantee_above_the_collapsed_range()
    {
        const int maxBuckets = 400;
        var values = Samples.LogNormal(50_000, 9, 0, 2);
        var sorted = values.Order().ToArray();

        var sketch = Of(values, maxBuckets: maxBuckets);

        Assert.True(sketch.Collapsed);
        Assert.InRange(sketch.Positive.Counts.Length, 1, maxBuckets);
        // Buckets are (γ^(i−1), γ^i]; the kept ones end at Max's bucket, so values above
        // γ^(top − maxBuckets) keep their own bucket.
        var gamma = (1 + Alpha) / (1 - Alpha);
        var top = Math.Ceiling(Math.Log(sorted[^1]) / Math.Log(gamma));
        var safeAbove = Math.Pow(gamma, top - maxBuckets + 1);
        var checkedQs = 0;
        foreach (var q in new[] { 0.9, 0.95, 0.99, 0.999, 1.0 })
        {
            if (Exact(sorted, q) <= safeAbove * (1 + 1e-12)) continue;
            AssertWithinBound(sorted, sketch, q);
            checkedQs++;
        }
        Assert.True(checkedQs >= 3, $"only {checkedQs} quantiles above the collapsed range");
    }

    [Fact]
    public void Collapsed_merge_does_not_depend_on_order()
    {
        var values = Samples.LogNormal(40_000, 10, 0, 3);
        var parts = Samples.Partition(values, 5, seed: 1).Select(p => Of(p, maxBuckets: 80)).ToList();

        var forward = new QuantileSketch(Alpha, 80);
        foreach (var p in parts) forward.Merge(p);
        var backward = new QuantileSketch(Alpha, 80);
        foreach (var p in Enumerable.Reverse(parts)) backward.Merge(p);

        Assert.True(forward.Collapsed);
        Assert.True(forward.Equals(backward));
        Assert.True(forward.Equals(Of(values, maxBuckets: 80)));
    }

    [Fact]
    public void Merging_different_accuracies_is_rejected()
    {
        var a = new QuantileSketch(0.01);
        Assert.Throws<ArgumentException>(() => a.Merge(new QuantileSketch(0.02)));
    }

    [Fact]
    public void Clone_is_independent()
    {
        var sketch = Of([1, 2, 3]);
        var clone = sketch.Clone();
        Assert.True(sketch.Equals(clone));

        clone.Add(100);
        Assert.False(sketch.Equals(clone));
        Assert.Equal(3, sketch.Count);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Values_bucketed_by_another_sketch_land_where_plain_values_do(string distribution)
    {
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e300, 1.0, -1.0];
        var values = Data(distribution).Concat(specials).ToArray();
        var bucketing = new QuantileSketch(Alpha);
        var (plain, bucketed) = (new QuantileSketch(Alpha), new QuantileSketch(Alpha));
        foreach (var v in values)
        {
            plain.Add(v);
            bucketed.Add(bucketing.Bucket(v));
        }

        Assert.True(plain.Equals(bucketed));
        Assert.Equal(plain.Buckets(), bucketed.Buckets());
        Assert.Equal(0, bucketing.Count);
    }

    [Fact]
    public void A_value_bucketed_for_another_accuracy_is_bucketed_again()
    {
        var values = Data("lognormal");
        var coarse = new QuantileSketch(0.05);
        var (plain, bucketed) = (new QuantileSketch(Alpha), new QuantileSketch(Alpha));
        foreach (var v in values)
        {
            plain.Add(v);
            bucketed.Add(coarse.Bucket(v));
        }

        Assert.True(plain.Equals(bucketed));
        foreach (var q in Qs) AssertWithinBound(values.Order().ToArray(), bucketed, q);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void A_sketch_given_the_room_of_another_fills_it_without_growing_and_ends_the_same(string distribution)
    {
        var values = Data(distribution);
        var earlier = values.Take(values.Length / 2).ToArray();
        var before = Of(earlier);
        var later = values.Skip(values.Length / 2).ToArray();
        var (plain, reserved) = (new QuantileSketch(Alpha), new QuantileSketch(Alpha));
        reserved.ReserveLike(before);
        Assert.True(reserved.Equals(new QuantileSketch(Alpha)));

        // Values within the buckets the earlier sketch held, on either side of zero, go in without an allocation.
        static (double Low, double High) Range(double[] side) => side.Length == 0 ? (1, -1) : (side.Min(), side.Max());
        var (positives, negatives) = (Range(earlier.Where(v => v > 0).ToArray()), Range(earlier.Where(v => v < 0).ToArray()));
        var inside = later.Where(v => v == 0 || (v > 0 ? positives : negatives) is var (low, high) && v >= low && v <= high).ToArray();
        Assert.NotEmpty(inside);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        foreach (var v in inside) reserved.Add(v);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);

        foreach (var v in inside) plain.Add(v);
        foreach (var v in later.Except(inside))
        {
            plain.Add(v);
            reserved.Add(v);
        }
        Assert.True(plain.Equals(reserved));
        Assert.Equal(plain.Buckets(), reserved.Buckets());
    }

    [Fact]
    public void A_sketch_given_the_room_of_one_of_another_accuracy_or_once_filled_ends_the_same()
    {
        var values = Data("normal");
        var coarse = Of(values, 0.05);
        var sketch = new QuantileSketch(Alpha);
        sketch.ReserveLike(coarse);
        foreach (var v in values) sketch.Add(v);
        Assert.True(Of(values).Equals(sketch));

        var filled = Of(values.Take(10));
        filled.ReserveLike(Of(values));
        foreach (var v in values.Skip(10)) filled.Add(v);
        Assert.True(Of(values).Equals(filled));
    }
}
