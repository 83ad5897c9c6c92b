using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Wasserstein-1 (earth mover's) distance, in units of the reference's spread.</summary>
/// <remarks>
/// W1 = ∫ |F_ref(x) − F_cur(x)| dx (for one dimension; Vallender, Theory Probab. Appl. 18(4), 1974), summed
/// exactly over the steps of both CDFs. The statistic is W1 / s with s the reference's sample standard
/// deviation (divisor n − 1). If that is not positive (0, or NaN when a caller has no moments) the
/// interquartile range Q(0.75) − Q(0.25) is used; if that is 0 too (a constant reference) the statistic is 0
/// for identical distributions and +∞ otherwise. Its tail between two samples of the reference's distribution is
/// bounded by <see cref="WassersteinNull"/>; drift when it exceeds both
/// <see cref="DriftSettings.WassersteinThreshold"/> and that bound's threshold for the level. From sketches each
/// value moves by at most α|x|, so W1 changes by at most α·(mean |x| of both sides).
/// </remarks>
public static class Wasserstein
{
    public static DriftTestResult Test(double[] reference, double[] current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var r = EmpiricalDistribution.FromSamples(reference);
        var values = reference.Where(v => !double.IsNaN(v)).ToArray();
        var mean = values.Length == 0 ? 0 : values.Average();
        var sd = values.Length < 2 ? double.NaN : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return Test(r, EmpiricalDistribution.FromSamples(current), Scale(sd, r.Quantile), settings);
    }

    /// <summary>From sketches, scaled by the reference's standard deviation as its moments give it.</summary>
    public static DriftTestResult Test(
        QuantileSketch reference, QuantileSketch current, double referenceStandardDeviation, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Test(EmpiricalDistribution.FromSketch(reference), EmpiricalDistribution.FromSketch(current),
            Scale(referenceStandardDeviation, reference.Quantile), settings);
    }

    /// <summary>W1 between two distributions, in the values' own unit.</summary>
    public static double Distance(EmpiricalDistribution a, EmpiricalDistribution b)
    {
        double sum = 0, previousX = 0, previousGap = 0;
        var first = true;
        foreach (var (x, fa, fb) in EmpiricalDistribution.Steps(a, b))
        {
            if (!first) sum += previousGap * (x - previousX);
            first = false;
            previousX = x;
            previousGap = Math.Abs(fa - fb);
        }
        return sum;
    }

    /// <summary>The reference's standard deviation, or its interquartile range when that is not positive.</summary>
    internal static double Scale(double sd, Func<double, double> quantile) =>
        sd > 0 ? sd : quantile(0.75) - quantile(0.25);

    /// <summary>W1 between two distributions divided by <paramref name="scale"/> (see <see cref="Scale"/>).</summary>
    internal static DriftTestResult Test(
        EmpiricalDistribution reference, EmpiricalDistribution current, double scale, DriftSettings? settings)
    {
        settings ??= DriftSettings.Default;
        const DriftTestKind kind = DriftTestKind.Wasserstein;
        var threshold = settings.WassersteinThreshold;
        if (DriftTestResult.TooSmall(kind, threshold, reference.Count, current.Count, settings) is { } skipped) return skipped;
        var w = Distance(reference, current);
        var statistic = scale > 0 ? w / scale : w == 0 ? 0 : double.PositiveInfinity;
        var distribution = WassersteinNull.Of(reference, reference.Count, current.Count, scale);
        return DriftTestResult.Distance(kind, statistic, threshold, distribution, settings, reference.Count, current.Count);
    }
}
