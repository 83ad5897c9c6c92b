using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Population Stability Index between the reference's and the current window's shares of reference-quantile bins.</summary>
/// <remarks>
/// PSI = Σ_k (q_k − p_k) · ln(q_k / p_k), with p the reference's and q the current shares of the bins of
/// <see cref="DriftSettings.Bins"/> equal-mass reference bins (see <see cref="ReferenceBins"/>). Each share is
/// smoothed additively, s' = (s + ε) / (1 + Bε) with ε = <see cref="DriftSettings.PsiEpsilon"/> (1e-4), so an
/// empty bin contributes a large but finite term. Siddiqi, "Credit Risk Scorecards", Wiley 2006; Yurdakul
/// and Naranjo, J. Risk Model Validation 14(4), 2020. Under the null, PSI / (1/n + 1/m) is asymptotically χ² with one
/// degree of freedom fewer than the bins either side occupies (<see cref="ChiSquaredDistanceNull"/>). Drift when PSI
/// exceeds both <see cref="DriftSettings.PsiThreshold"/> and that null's threshold for the level.
/// </remarks>
public static class PopulationStabilityIndex
{
    /// <summary>PSI of raw samples, bins cut at the exact reference quantiles.</summary>
    public static DriftTestResult Test(double[] reference, double[] current, DriftSettings? settings = null)
    {
        var r = EmpiricalDistribution.FromSamples(reference);
        return Test(r, EmpiricalDistribution.FromSamples(current), r.Quantile, settings ?? DriftSettings.Default);
    }

    /// <summary>PSI of two sketches, bins cut at the reference sketch's quantiles.</summary>
    public static DriftTestResult Test(QuantileSketch reference, QuantileSketch current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Test(EmpiricalDistribution.FromSketch(reference), EmpiricalDistribution.FromSketch(current),
            reference.Quantile, settings ?? DriftSettings.Default);
    }

    /// <summary>PSI of two share vectors over the same bins, each smoothed with ε.</summary>
    public static double Index(IReadOnlyList<double> reference, IReadOnlyList<double> current, double epsilon)
    {
        if (reference.Count != current.Count) throw new ArgumentException("Share vectors differ in length.");
        var norm = 1 + reference.Count * epsilon;
        double psi = 0;
        for (var k = 0; k < reference.Count; k++)
        {
            var p = (reference[k] + epsilon) / norm;
            var q = (current[k] + epsilon) / norm;
            psi += (q - p) * Math.Log(q / p);
        }
        return psi;
    }

    /// <summary>PSI of two distributions, bins cut at <paramref name="quantile"/> (the reference's).</summary>
    internal static DriftTestResult Test(
        EmpiricalDistribution reference, EmpiricalDistribution current, Func<double, double> quantile, DriftSettings settings)
    {
        const DriftTestKind kind = DriftTestKind.PopulationStabilityIndex;
        var threshold = settings.PsiThreshold;
        if (DriftTestResult.TooSmall(kind, threshold, reference.Count, current.Count, settings) is { } skipped) return skipped;
        var edges = ReferenceBins.Edges(quantile, settings.Bins);
        var (p, q) = (ReferenceBins.Shares(reference, edges), ReferenceBins.Shares(current, edges));
        var psi = Index(p, q, settings.PsiEpsilon);
        var cells = ReferenceBins.Occupied(p, q);
        return DriftTestResult.Distance(kind, psi, threshold, ChiSquaredDistanceNull.Psi(reference.Count, current.Count, cells), settings,
            reference.Count, current.Count);
    }
}
