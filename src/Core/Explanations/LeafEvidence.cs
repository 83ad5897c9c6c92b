using StreamMl.Core.Learning.Bayes;

namespace StreamMl.Core.Explanations;

/// <summary>The naive-Bayes evidence of a set of class statistics for one event: the prior log-odds and one log-likelihood ratio per observed feature.</summary>
/// <remarks>
/// The terms are those <see cref="ClassStatistics.NaiveBayes"/> sums: logit P(1 | x) = ln(w₁/w₀) + Σ λ. A missing
/// value or an unseen category adds nothing and gets λ = 0. Statistics that have not seen both classes answer a
/// constant (0, 1 or ½) and have no evidence at all (<see cref="Informative"/> false).
/// </remarks>
internal readonly ref struct LeafEvidence
{
    public LeafEvidence(ClassStatistics stats, ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int numericPlayers)
    {
        var n = stats.NumericAttributes.Length;
        var count = n + stats.CategoricalAttributes.Length;
        Ratios = new double[count];
        Players = new int[count];
        Informative = stats.Weight0 > 0 && stats.Weight1 > 0;
        PriorLogOdds = Informative ? Math.Log(stats.Weight1 / stats.Weight0) : 0;
        for (var j = 0; j < n; j++)
        {
            var attribute = stats.NumericAttributes[j];
            Players[j] = attribute;
            var v = x[attribute];
            if (Informative && !double.IsNaN(v)) Ratios[j] = stats.NumericEvidenceOf(j, v);
        }
        for (var j = 0; j < stats.CategoricalAttributes.Length; j++)
        {
            var attribute = stats.CategoricalAttributes[j];
            Players[n + j] = numericPlayers + attribute;
            var code = codes[attribute];
            if (Informative && code >= 0) Ratios[n + j] = stats.CategoricalEvidenceOf(j, code);
        }
    }

    /// <summary>Whether both classes have weight, so that the evidence moves the answer at all.</summary>
    public bool Informative { get; }

    /// <summary>ln(w₁ / w₀); 0 when not <see cref="Informative"/>.</summary>
    public double PriorLogOdds { get; }

    /// <summary>Per observed feature, its log-likelihood ratio for the event's value.</summary>
    public double[] Ratios { get; }

    /// <summary>Per observed feature, its player index (see <see cref="FeaturePlayers"/>).</summary>
    public int[] Players { get; }
}
