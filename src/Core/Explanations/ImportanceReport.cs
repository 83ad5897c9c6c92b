namespace StreamMl.Core.Explanations;

/// <summary>Permutation feature importance of one model version, overall and per slice: what to store in its lineage beside its evaluation.</summary>
/// <param name="Metric">The metric the importance is a loss of, by its spec name (<c>accuracy</c>, <c>auc</c>, <c>f1</c>, <c>logloss</c>, <c>mae</c>, <c>rmse</c>).</param>
/// <param name="Repeats">Shuffles per feature and group of examples.</param>
/// <param name="Seed">The seed every shuffle was drawn from: the same model, examples and seed give the same report.</param>
/// <param name="Overall">Over all the labelled examples.</param>
/// <param name="Slices">Per slice key with enough examples (the global slice <c>*</c>, which is <see cref="Overall"/>, left out), each feature shuffled within the slice.</param>
public sealed record ImportanceReport(
    string Metric,
    int Repeats,
    long Seed,
    FeatureImportances Overall,
    IReadOnlyDictionary<string, FeatureImportances> Slices);

/// <summary>The importance of every feature on one group of examples, most important first.</summary>
/// <param name="ExampleCount">The labelled examples in the group.</param>
/// <param name="Baseline">The metric on the examples as they are.</param>
/// <param name="Features">One per feature, by mean loss, largest first (ties by name).</param>
public sealed record FeatureImportances(int ExampleCount, double Baseline, IReadOnlyList<FeatureImportance> Features);

/// <summary>How much worse the model did when one feature's values were shuffled among the examples.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Mean">The mean loss over the repeats, in the metric's units, positive when shuffling hurt (whatever the metric's direction).</param>
/// <param name="StandardDeviation">The sample standard deviation of the losses over the repeats (0 for a single repeat): the noise a mean must clear to matter.</param>
/// <param name="Losses">The loss of each repeat, in order.</param>
public sealed record FeatureImportance(string Feature, double Mean, double StandardDeviation, IReadOnlyList<double> Losses);

/// <summary>Settings of <see cref="PermutationImportance"/>.</summary>
public sealed record ImportanceOptions
{
    /// <summary>Shuffles per feature and group; the spread over them is reported. Default 5.</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>Seed of the shuffles. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Slices with fewer labelled examples are left out (the gate's default judging size). Default 100.</summary>
    public int MinimumSliceExamples { get; init; } = 100;
}
