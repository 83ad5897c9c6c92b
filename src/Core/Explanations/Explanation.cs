using StreamMl.Core.Contracts;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Explanations;

/// <summary>Why one event got its prediction: the model's raw output split into a base value and one contribution per feature.</summary>
/// <remarks>
/// Local accuracy holds by construction: <see cref="BaseValue"/> plus the sum of <see cref="Contributions"/> is
/// <see cref="OutputValue"/>, the model's raw output for the event in the units <see cref="Output"/> names. What the
/// base value means depends on <see cref="Method"/>; see <see cref="ExplanationMethods"/>.
/// </remarks>
/// <param name="EventId">The event explained.</param>
/// <param name="ModelVersion">The version of the model that was explained, read once together with the model itself.</param>
/// <param name="Updates">For an online model, the labels it had learnt; null for a batch model.</param>
/// <param name="Method">How the contributions were computed: one of <see cref="ExplanationMethods"/>.</param>
/// <param name="Output">What the contributions add up to: one of <see cref="ExplanationOutputs"/>.</param>
/// <param name="Exact">False when part of the attribution was estimated by sampling (a naive-Bayes leaf with many features).</param>
/// <param name="BaseValue">The output with no feature's value known (its meaning per method is in <see cref="ExplanationMethods"/>).</param>
/// <param name="OutputValue">The model's raw output for the event: <see cref="BaseValue"/> plus every contribution.</param>
/// <param name="Prediction">The prediction as the model answers it: score, probability and class.</param>
/// <param name="Contributions">One per feature the model reads, largest magnitude first (ties by name).</param>
public sealed record Explanation(
    string EventId,
    string ModelVersion,
    long? Updates,
    string Method,
    string Output,
    bool Exact,
    double BaseValue,
    double OutputValue,
    ModelScore Prediction,
    IReadOnlyList<FeatureContribution> Contributions);

/// <summary>How much one feature moved a prediction away from the base value, in the explanation's output units.</summary>
/// <param name="Feature">The feature's name in the spec (a label-history input is <c>revealedLabel1</c>, …).</param>
/// <param name="Value">The feature's value in the event; null when it was missing.</param>
/// <param name="Contribution">Its share of output − base value.</param>
public sealed record FeatureContribution(string Feature, FeatureValue Value, double Contribution);

/// <summary>The methods an <see cref="Explanation"/> may name.</summary>
public static class ExplanationMethods
{
    /// <summary>
    /// Linear models: each contribution is weight × the feature's value as the model sees it (ML.NET: imputed and
    /// min-max scaled; online: standardised by the running mean and deviation; a category: the weight of its one-hot
    /// or hashed input). The base value is the bias (intercept): the output when every input is zero.
    /// </summary>
    public const string Linear = "linear";

    /// <summary>
    /// Trees and tree ensembles: path-dependent TreeSHAP (Lundberg, Erion, Lee 2018), the exact Shapley values of
    /// the game "the expected output when only these features are known, the others following the training data
    /// down the tree"; the base value is the expected output over the training data (each tree weighted as the
    /// ensemble weights it). Hoeffding-tree leaves that predict by naive Bayes add the Shapley values of their own
    /// evidence (see <see cref="EvidenceShapley"/>).
    /// </summary>
    public const string TreeShap = "tree-shap";

    /// <summary>Naive Bayes: each contribution is the feature's log-likelihood ratio; the base value is the prior log-odds.</summary>
    public const string NaiveBayesEvidence = "naive-bayes-evidence";

    /// <summary>A model that does not read its features (the no-change and prior baselines): every contribution is 0.</summary>
    public const string Constant = "constant";
}

/// <summary>The units an <see cref="Explanation"/>'s output may be in.</summary>
public static class ExplanationOutputs
{
    /// <summary>ln(p / (1 − p)) of the positive class: logistic regression, naive Bayes.</summary>
    public const string LogOdds = "log-odds";

    /// <summary>The probability of the positive class: online trees and their ensembles, which average probabilities.</summary>
    public const string Probability = "probability";

    /// <summary>ML.NET's uncalibrated score of a boosted-tree binary model; its probability is the calibrator's monotone function of it.</summary>
    public const string Score = "score";

    /// <summary>The predicted value of a numeric label.</summary>
    public const string Value = "value";
}
