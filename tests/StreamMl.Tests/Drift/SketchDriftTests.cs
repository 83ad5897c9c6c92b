using Xunit;
using StreamMl.Core.Drift;
using StreamMl.Core.Statistics;
using StreamMl.Tests.Statistics;

namespace StreamMl.Tests.Drift;

// Sketches with α = 0.01 and 5,000 values per side against the exact tests on the same values.
// Both sketches share bucket boundaries, and a sketch's CDF is exact at each boundary, so the sketch
// statistics are those of slightly moved bins/evaluation points. A bucket around x is 2α|x| wide, so for
// N(μ, 1) data it holds at most about 2α·max_x |x|φ(x − μ) ≤ 2·0.01·0.3 = 0.006 of a side's mass: that bounds
// the KS difference and each moved PSI/JS bin edge. W1 moves by at most α(E|X_ref| + E|X_cur|) ≈ 0.02 here.
public class SketchDriftTests
{
    private const int N = 5_000;

    private static QuantileSketch Sketch(double[] values)
    {
        var sketch = new QuantileSketch(0.01);
        foreach (var v in values) sketch.Add(v);
        return sketch;
    }

    private static double Sd(double[] values)
    {
        var (_, m2) = Samples.TwoPass(values);
        return Math.Sqrt(m2 / (values.Length - 1));
    }

    public static TheoryData<double> Shifts => new() { 0.0, 0.5 };

    [Theory]
    [MemberData(nameof(Shifts))]
    public void Sketch_statistics_agree_with_exact_ones_within_the_bucket_width(double shift)
    {
        var a = Samples.Normal(N, 21, 0, 1);
        var b = Samples.Normal(N, 22, shift, 1);
        QuantileSketch sa = Sketch(a), sb = Sketch(b);

        Assert.InRange(KolmogorovSmirnov.Test(sa, sb).Statistic - KolmogorovSmirnov.Test(a, b).Statistic, -0.006, 0.006);
        Assert.InRange(Wasserstein.Test(sa, sb, Sd(a)).Statistic - Wasserstein.Test(a, b).Statistic, -0.02, 0.02);
        Assert.InRange(PopulationStabilityIndex.Test(sa, sb).Statistic - PopulationStabilityIndex.Test(a, b).Statistic, -0.01, 0.01);
        Assert.InRange(JensenShannon.Test(sa, sb).Statistic - JensenShannon.Test(a, b).Statistic, -0.01, 0.01);
    }

    [Fact]
    public void Two_samples_of_one_distribution_raise_no_drift()
    {
        QuantileSketch a = Sketch(Samples.Normal(N, 31, 10, 2)), b = Sketch(Samples.Normal(N, 32, 10, 2));

        var ks = KolmogorovSmirnov.Test(a, b);
        Assert.False(ks.Drift, $"KS p = {ks.PValue}");
        Assert.False(PopulationStabilityIndex.Test(a, b).Drift);
        Assert.False(JensenShannon.Test(a, b).Drift);
        Assert.False(Wasserstein.Test(a, b, 2).Drift);
    }

    [Fact]
    public void A_mean_shifted_by_half_a_standard_deviation_is_drift_for_every_test()
    {
        QuantileSketch a = Sketch(Samples.Normal(N, 41, 10, 2)), b = Sketch(Samples.Normal(N, 42, 11, 2));

        var results = new[]
        {
            KolmogorovSmirnov.Test(a, b), PopulationStabilityIndex.Test(a, b),
            JensenShannon.Test(a, b), Wasserstein.Test(a, b, 2),
        };

        Assert.All(results, r => Assert.True(r.Drift, $"{r.Test}: {r.Statistic}"));
        Assert.True(results[0].PValue < 1e-10);
    }
}
