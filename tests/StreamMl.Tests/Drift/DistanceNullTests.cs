using Xunit;
using StreamMl.Core.Drift;

namespace StreamMl.Tests.Drift;

/// <summary>
/// The distances' thresholds for the sample sizes, checked by simulation: between two samples of one distribution, at the
/// smallest size distances are tested at (1,000 a side), each crosses its threshold for level 0.01 in about 1% of
/// comparisons or fewer. The floors are set near zero so that only the calibration decides.
/// </summary>
public class DistanceNullTests
{
    private const int Replicates = 2_000;
    private const int Size = 1_000;

    private static readonly DriftSettings CalibrationOnly = new()
    {
        Alpha = 0.01,
        PsiThreshold = 1e-9,
        JensenShannonThreshold = 1e-9,
        WassersteinThreshold = 1e-9,
        LInfinityThreshold = 1e-9,
    };

    /// <summary>Were the replicates independent trials at the level, more crossings than this would happen once in a thousand runs.</summary>
    private const int Bound = 35;

    [Theory]
    [InlineData("uniform")]
    [InlineData("lognormal")]
    public void Numeric_distances_cross_their_thresholds_at_about_their_level_or_less(string shape)
    {
        var random = new Random(shape == "uniform" ? 31 : 32);
        int psi = 0, js = 0, wasserstein = 0;

        for (var r = 0; r < Replicates; r++)
        {
            var a = Sample(random, shape);
            var b = Sample(random, shape);
            psi += PopulationStabilityIndex.Test(a, b, CalibrationOnly).Drift ? 1 : 0;
            js += JensenShannon.Test(a, b, CalibrationOnly).Drift ? 1 : 0;
            wasserstein += Wasserstein.Test(a, b, CalibrationOnly).Drift ? 1 : 0;
        }

        // 20 expected at the level; the Wasserstein bound is conservative by design.
        Assert.InRange(psi, 5, Bound);
        Assert.InRange(js, 5, Bound);
        Assert.InRange(wasserstein, 0, Bound);
    }

    [Theory]
    [InlineData(new double[] { 0.25, 0.25, 0.25, 0.25 })]
    [InlineData(new double[] { 0.4, 0.2, 0.13, 0.1, 0.07, 0.05, 0.03, 0.02 })]
    public void Categorical_distances_cross_their_thresholds_at_about_their_level_or_less(double[] shares)
    {
        var random = new Random(33 + shares.Length);
        int js = 0, linf = 0;

        for (var r = 0; r < Replicates; r++)
        {
            var a = Counts(random, shares);
            var b = Counts(random, shares);
            js += JensenShannon.Test(a, b, CalibrationOnly).Drift ? 1 : 0;
            linf += LInfinity.Test(a, b, CalibrationOnly).Drift ? 1 : 0;
        }

        Assert.InRange(js, 5, Bound);
        // A union bound over the categories: at most the level.
        Assert.InRange(linf, 0, Bound);
    }

    [Fact]
    public void With_the_floors_alone_small_windows_cross_the_wasserstein_floor_by_chance()
    {
        var random = new Random(34);
        var floorOnly = 0;
        for (var r = 0; r < 500; r++)
        {
            var result = Wasserstein.Test(Sample(random, "uniform"), Sample(random, "uniform"), DriftSettings.Default);
            floorOnly += result.Statistic > DriftSettings.Default.WassersteinThreshold ? 1 : 0;
            Assert.False(result.Drift, $"statistic {result.Statistic}, threshold {result.Threshold}");
        }

        // About 3% of pairs of windows of 1,000 from one uniform distribution are 0.1 standard deviations apart.
        Assert.InRange(floorOnly, 5, 30);
    }

    private static double[] Sample(Random random, string shape) => Enumerable.Range(0, Size).Select(_ => shape == "uniform"
        ? random.NextDouble()
        : Math.Exp(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

    private static Dictionary<string, long> Counts(Random random, double[] shares)
    {
        var counts = new long[shares.Length];
        for (var i = 0; i < Size; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < shares.Length - 1 && (u -= shares[k]) > 0) k++;
            counts[k]++;
        }
        return counts.Select((c, k) => (Key: ((char)('a' + k)).ToString(), c)).ToDictionary(p => p.Key, p => p.c, StringComparer.Ordinal);
    }
}
