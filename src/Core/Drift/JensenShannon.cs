using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Jensen–Shannon distance (base 2, in [0, 1]) between two discrete distributions.</summary>
/// <remarks>
/// With M = (P + Q)/2, JSD = ½ KL(P‖M) + ½ KL(Q‖M) in bits (terms with a zero share are 0) and the
/// distance is √JSD, a metric (Lin, IEEE Trans. Inf. Theory 37(1), 1991; Endres and Schindelin, IEEE Trans.
/// Inf. Theory 49(7), 2003). Numeric features use the PSI bins (<see cref="ReferenceBins"/>, unsmoothed);
/// categorical ones the category shares. Under the null, 8 ln 2 · distance² / (1/n + 1/m) is asymptotically χ² with one
/// degree of freedom fewer than the cells either side occupies (<see cref="ChiSquaredDistanceNull"/>). Drift when the
/// distance exceeds both <see cref="DriftSettings.JensenShannonThreshold"/> and that null's threshold for the level.
/// </remarks>
public static class JensenShannon
{
    public static DriftTestResult Test(double[] reference, double[] current, DriftSettings? settings = null)
    {
        var r = EmpiricalDistribution.FromSamples(reference);
        return Binned(r, EmpiricalDistribution.FromSamples(current), r.Quantile, settings ?? DriftSettings.Default);
    }

    public static DriftTestResult Test(QuantileSketch reference, QuantileSketch current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Binned(EmpiricalDistribution.FromSketch(reference), EmpiricalDistribution.FromSketch(current),
            reference.Quantile, settings ?? DriftSettings.Default);
    }

    public static DriftTestResult Test(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, DriftSettings? settings = null)
    {
        settings ??= DriftSettings.Default;
        var (r, c) = CategoryCounts.Align(reference, current);
        long n = r.Sum(), m = c.Sum();
        var threshold = settings.JensenShannonThreshold;
        if (DriftTestResult.TooSmall(Kind, threshold, n, m, settings) is { } skipped) return skipped;
        var distance = Distance(CategoryCounts.Shares(r), CategoryCounts.Shares(c));
        return DriftTestResult.Distance(Kind, distance, threshold, ChiSquaredDistanceNull.JensenShannon(n, m, r.Length), settings, n, m);
    }

    public static DriftTestResult Test(CategoryFrequencies reference, CategoryFrequencies current, DriftSettings? settings = null) =>
        Test(CategoryCounts.Of(reference), CategoryCounts.Of(current), settings);

    /// <summary>√JSD in bits between two share vectors (each summing to 1).</summary>
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        if (p.Count != q.Count) throw new ArgumentException("Share vectors differ in length.");
        double sum = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var mid = (p[i] + q[i]) / 2;
            if (p[i] > 0) sum += p[i] * Math.Log(p[i] / mid);
            if (q[i] > 0) sum += q[i] * Math.Log(q[i] / mid);
        }
        return Math.Sqrt(Math.Max(0, sum / (2 * Math.Log(2))));
    }

    private const DriftTestKind Kind = DriftTestKind.JensenShannon;

    /// <summary>The distance between two distributions' shares of bins cut at <paramref name="quantile"/> (the reference's).</summary>
    internal static DriftTestResult Binned(
        EmpiricalDistribution reference, EmpiricalDistribution current, Func<double, double> quantile, DriftSettings settings)
    {
        var threshold = settings.JensenShannonThreshold;
        if (DriftTestResult.TooSmall(Kind, threshold, reference.Count, current.Count, settings) is { } skipped) return skipped;
        var edges = ReferenceBins.Edges(quantile, settings.Bins);
        var (p, q) = (ReferenceBins.Shares(reference, edges), ReferenceBins.Shares(current, edges));
        var distribution = ChiSquaredDistanceNull.JensenShannon(reference.Count, current.Count, ReferenceBins.Occupied(p, q));
        return DriftTestResult.Distance(Kind, Distance(p, q), threshold, distribution, settings, reference.Count, current.Count);
    }
}
