using Xunit;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Statistics;

public class RunningMomentsTests
{
    private static RunningMoments Of(IEnumerable<double> values)
    {
        var moments = new RunningMoments();
        foreach (var v in values) moments.Add(v);
        return moments;
    }

    [Fact]
    public void Textbook_example_gives_exact_mean_and_variances()
    {
        var m = Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(8, m.Count);
        Assert.Equal(5.0, m.Mean, 15);
        Assert.Equal(4.0, m.PopulationVariance, 14);
        Assert.Equal(32.0 / 7, m.Variance, 14);
        Assert.Equal(Math.Sqrt(32.0 / 7), m.StandardDeviation, 14);
        Assert.Equal(2, m.Min);
        Assert.Equal(9, m.Max);
    }

    [Fact]
    public void Variance_is_NaN_below_two_values_and_NaN_inputs_are_ignored()
    {
        var m = Of([3.5, double.NaN]);

        Assert.Equal(1, m.Count);
        Assert.True(double.IsNaN(m.Variance));
        Assert.Equal(0, m.PopulationVariance);
        Assert.True(double.IsNaN(new RunningMoments().PopulationVariance));
    }

    [Fact]
    public void Matches_compensated_two_pass_on_100000_seeded_values()
    {
        var values = Samples.Normal(100_000, seed: 42, mean: 50, sd: 12);
        var (mean, m2) = Samples.TwoPass(values);

        var m = Of(values);

        Assert.InRange(Samples.RelativeError(m.Mean, mean), 0, 1e-12);
        Assert.InRange(Samples.RelativeError(m.Variance, m2 / (values.Length - 1)), 0, 1e-10);
        Assert.InRange(Samples.RelativeError(m.PopulationVariance, m2 / values.Length), 0, 1e-10);
        Assert.Equal(values.Min(), m.Min);
        Assert.Equal(values.Max(), m.Max);
    }

    [Fact]
    public void Stays_accurate_for_large_offsets()
    {
        // Classic cancellation case: the naive E[x²] − E[x]² loses every digit here.
        var shifted = Of([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
        Assert.Equal(1e9 + 10, shifted.Mean);
        Assert.Equal(30.0, shifted.Variance, 9);

        var noise = Samples.Uniform(100_000, seed: 7, low: 0, high: 1).Select(u => 1e9 + u).ToArray();
        var (mean, m2) = Samples.TwoPass(noise);
        var m = Of(noise);

        Assert.InRange(Samples.RelativeError(m.Mean, mean), 0, 1e-13);
        Assert.InRange(Samples.RelativeError(m.Variance, m2 / (noise.Length - 1)), 0, 1e-6);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(8, 4)]
    public void Merging_random_partitions_equals_single_pass(int parts, int seed)
    {
        var values = Samples.LogNormal(50_000, seed, mu: 1, sigma: 1.5);
        var single = Of(values);

        var merged = new RunningMoments();
        foreach (var part in Samples.Partition(values, parts, seed + 100)) merged.Merge(Of(part));

        Assert.Equal(single.Count, merged.Count);
        Assert.InRange(Samples.RelativeError(merged.Mean, single.Mean), 0, 1e-9);
        Assert.InRange(Samples.RelativeError(merged.M2, single.M2), 0, 1e-9);
        Assert.Equal(single.Min, merged.Min);
        Assert.Equal(single.Max, merged.Max);
    }

    [Fact]
    public void Merging_with_empty_is_identity_and_clone_is_independent()
    {
        var m = Of([1, 2, 3]);
        var before = m.Clone();

        m.Merge(new RunningMoments());
        Assert.True(before.Equals(m));

        var empty = new RunningMoments();
        empty.Merge(m);
        Assert.True(empty.Equals(m));

        m.Add(10);
        Assert.False(before.Equals(m));
        Assert.Equal(3, before.Count);
    }
}
