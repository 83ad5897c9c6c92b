using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Pearson's chi-squared test of homogeneity on the 2×k table of reference and current category counts.</summary>
/// <remarks>
/// Categories zero on both sides are dropped. With row totals R_i, column totals C_j and N = R_1 + R_2, the
/// expected count is E_ij = R_i·C_j / N and X² = Σ (O_ij − E_ij)² / E_ij, without continuity correction.
/// p = Q((k − 1)/2, X²/2), the chi-squared survival function with k − 1 degrees of freedom
/// (<see cref="SpecialFunctions.ChiSquaredSurvival"/>); with fewer than two categories X² = 0 and p = 1.
/// Pearson, Phil. Mag. 50(302), 1900; Agresti, "Categorical Data Analysis", 3rd ed., §3.2.
/// Drift when p &lt; <see cref="DriftSettings.Alpha"/>.
/// </remarks>
public static class ChiSquared
{
    public static DriftTestResult Test(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, DriftSettings? settings = null)
    {
        settings ??= DriftSettings.Default;
        const DriftTestKind kind = DriftTestKind.ChiSquared;
        var (r, c) = CategoryCounts.Align(reference, current);
        long n = r.Sum(), m = c.Sum();
        if (DriftTestResult.TooSmall(kind, settings.Alpha, n, m, settings) is { } skipped) return skipped;
        var (statistic, p) = Homogeneity(r, c);
        return DriftTestResult.Hypothesis(kind, statistic, p, settings.Alpha, n, m);
    }

    public static DriftTestResult Test(CategoryFrequencies reference, CategoryFrequencies current, DriftSettings? settings = null) =>
        Test(CategoryCounts.Of(reference), CategoryCounts.Of(current), settings);

    public static DriftTestResult Test(LabelBalance reference, LabelBalance current, DriftSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        return Test(reference.Counts, current.Counts, settings);
    }

    /// <summary>X² and its p-value for two aligned count rows with no column zero on both.</summary>
    public static (double Statistic, double PValue) Homogeneity(long[] reference, long[] current)
    {
        if (reference.Length != current.Length) throw new ArgumentException("Rows differ in length.");
        double n = reference.Sum(), m = current.Sum(), total = n + m;
        if (reference.Length < 2 || n == 0 || m == 0) return (0, 1);
        double statistic = 0;
        for (var j = 0; j < reference.Length; j++)
        {
            double column = reference[j] + current[j];
            var expectedReference = n * column / total;
            var expectedCurrent = m * column / total;
            statistic += (reference[j] - expectedReference) * (reference[j] - expectedReference) / expectedReference
                + (current[j] - expectedCurrent) * (current[j] - expectedCurrent) / expectedCurrent;
        }
        return (statistic, SpecialFunctions.ChiSquaredSurvival(statistic, reference.Length - 1));
    }
}
