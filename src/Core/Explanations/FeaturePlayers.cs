using StreamMl.Core.Contracts;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Explanations;

/// <summary>The features a model reads, as explanations name them: numeric ones first, then categorical ones, in input order.</summary>
/// <remarks>
/// Every explainer attributes to these players by index: numeric feature j is player j, categorical feature j is
/// player <see cref="NumericCount"/> + j. One-hot slots and hashed buckets of a category are summed into its player.
/// </remarks>
internal sealed class FeaturePlayers(IReadOnlyList<string> numeric, IReadOnlyList<string> categorical)
{
    public IReadOnlyList<string> Numeric { get; } = numeric;
    public IReadOnlyList<string> Categorical { get; } = categorical;
    public int NumericCount => Numeric.Count;
    public int Count => Numeric.Count + Categorical.Count;

    public int OfCategorical(int j) => Numeric.Count + j;

    /// <summary>The explanation of one event from its per-player contributions, sorted by magnitude.</summary>
    public Explanation Explain(
        ReadOnlySpan<double> numericValues, ReadOnlySpan<string?> categoricalValues, ReadOnlySpan<double> contributions,
        ExplanationHeader header, double baseValue, ModelScore prediction)
    {
        var list = new FeatureContribution[Count];
        var output = baseValue;
        for (var i = 0; i < Numeric.Count; i++)
        {
            var x = numericValues[i];
            list[i] = new FeatureContribution(Numeric[i], double.IsNaN(x) ? FeatureValue.Missing : FeatureValue.Of(x), contributions[i]);
            output += contributions[i];
        }
        for (var j = 0; j < Categorical.Count; j++)
        {
            var i = Numeric.Count + j;
            list[i] = new FeatureContribution(Categorical[j], categoricalValues[j] is { } v ? FeatureValue.Of(v) : FeatureValue.Missing, contributions[i]);
            output += contributions[i];
        }
        Array.Sort(list, ByMagnitude);
        return new Explanation(header.EventId, header.ModelVersion, header.Updates, header.Method, header.Output, header.Exact,
            baseValue, output, prediction, list);
    }

    private static int ByMagnitude(FeatureContribution a, FeatureContribution b)
    {
        var order = Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution));
        return order != 0 ? order : string.CompareOrdinal(a.Feature, b.Feature);
    }
}

/// <summary>What an explanation says about itself besides its numbers.</summary>
internal readonly record struct ExplanationHeader(string EventId, string ModelVersion, long? Updates, string Method, string Output, bool Exact);
