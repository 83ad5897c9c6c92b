namespace StreamMl.Core.Drift;

/// <summary>Equal-mass bins cut at the reference's quantiles, and each side's share of them (for PSI and Jensen–Shannon).</summary>
/// <remarks>
/// For B bins the edges are the reference quantiles e_k = Q_ref(k / B), k = 1..B−1 (duplicates from ties
/// dropped), and the bins are (−∞, e_1], (e_1, e_2], …, (e_{B−1}, ∞). A side's share of bin k is
/// (Rank(e_k) − Rank(e_{k−1})) / n, with Rank the number of values ≤ x.
/// </remarks>
internal static class ReferenceBins
{
    public static double[] Edges(Func<double, double> referenceQuantile, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var edges = new List<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var edge = referenceQuantile(k / (double)bins);
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        return [.. edges];
    }

    /// <summary>Bins with a positive share on either side: the cells of the comparison.</summary>
    public static int Occupied(double[] reference, double[] current)
    {
        var cells = 0;
        for (var k = 0; k < reference.Length; k++)
            if (reference[k] > 0 || current[k] > 0) cells++;
        return cells;
    }

    public static double[] Shares(EmpiricalDistribution distribution, double[] edges)
    {
        var shares = new double[edges.Length + 1];
        double n = distribution.Count;
        long previous = 0;
        for (var k = 0; k < edges.Length; k++)
        {
            var rank = distribution.Rank(edges[k]);
            shares[k] = (rank - previous) / n;
            previous = rank;
        }
        shares[^1] = (distribution.Count - previous) / n;
        return shares;
    }
}
