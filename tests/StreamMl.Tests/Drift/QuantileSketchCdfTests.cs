using Xunit;
using StreamMl.Core.Statistics;
using StreamMl.Tests.Statistics;

namespace StreamMl.Tests.Drift;

public class QuantileSketchCdfTests
{
    private const double Alpha = 0.01;

    [Fact]
    public void Rank_lies_between_the_true_ranks_at_x_moved_by_the_relative_accuracy()
    {
        var values = Samples.Normal(20_000, 5, 0, 10);
        var sorted = values.Order().ToArray();
        var sketch = new QuantileSketch(Alpha);
        foreach (var v in values) sketch.Add(v);

        foreach (var x in new[] { -25.0, -10, -1, -0.01, 0, 0.01, 1, 3, 10, 25 })
        {
            // Each value sits at its bucket's representative, within α of it.
            double low = x > 0 ? x * (1 - Alpha) : x / (1 - Alpha), high = x > 0 ? x / (1 - Alpha) : x * (1 - Alpha);
            long trueLow = sorted.Count(v => v <= low), trueHigh = sorted.Count(v => v <= high);
            Assert.InRange(sketch.Rank(x), trueLow, trueHigh);
        }
    }

    [Fact]
    public void Rank_is_exact_outside_the_range_and_buckets_hold_every_value()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new double[] { -3, -1, 0, 0, 2, 2, 2, 7, double.NaN }) sketch.Add(v);

        Assert.Equal(0, sketch.Rank(-3.5));
        Assert.Equal(1, sketch.Rank(-2.5));
        Assert.Equal(4, sketch.Rank(0));
        Assert.Equal(7, sketch.Rank(2.05));
        Assert.Equal(8, sketch.Rank(7));
        Assert.Equal(0.5, sketch.Cdf(0));
        Assert.Equal(sketch.Count, sketch.Buckets().Sum(b => b.Count));
        Assert.True(sketch.Buckets().Select(b => b.Value).SequenceEqual(sketch.Buckets().Select(b => b.Value).Order()));
        Assert.True(double.IsNaN(new QuantileSketch().Cdf(1)));
    }

    [Fact]
    public void Buckets_are_the_ddsketch_representatives_clamped_to_the_range_with_their_counts()
    {
        // Computed apart from the sketch: bucket i = ceil(log_γ |x|), representative 2γ^i / (γ + 1), γ = 1.01 / 0.99,
        // then clamped to [min, max]: ±3 → i = 55, ±1 → i = 0 (0.99), 1.001 → i = 1 (1.01).
        var sketch = new QuantileSketch(Alpha);
        foreach (var v in new[] { -3, -1, -1, 0, 1, 1.001, 1.001, 3 }) sketch.Add(v);
        var positive = new QuantileSketch(Alpha);
        foreach (var v in new[] { 1, 1.001, 1.001, 3 }) positive.Add(v);

        AssertBuckets([(-2.9742334234767016, 1), (-0.99, 2), (0, 1), (0.99, 1), (1.01, 2), (2.9742334234767016, 1)], sketch);
        // Here 1's representative, 0.99, lies below the minimum and is clamped to it.
        AssertBuckets([(1, 1), (1.01, 2), (2.9742334234767016, 1)], positive);
        Assert.Equal(5, sketch.Rank(1.005));
        Assert.Equal(7, sketch.Rank(1.02));
        Assert.Empty(new QuantileSketch().Buckets());
    }

    private static void AssertBuckets((double Value, long Count)[] expected, QuantileSketch sketch)
    {
        var buckets = sketch.Buckets();
        Assert.Equal(expected.Length, buckets.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Value, buckets[i].Value, 1e-12);
            Assert.Equal(expected[i].Count, buckets[i].Count);
        }
    }
}
