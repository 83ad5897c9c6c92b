using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Baselines;
using StreamMl.Core.Learning.Bayes;
using StreamMl.Core.Learning.Ensembles;
using StreamMl.Core.Learning.Linear;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Explanations;

/// <summary>Explains an online model's prediction for one event, with the method that suits its learner.</summary>
/// <remarks>
/// <list type="table">
/// <item><term>logistic-sgd, logistic-ftrl</term><description>weight × standardised value, in log-odds (<see cref="OnlineLinear"/>)</description></item>
/// <item><term>linear-sgd</term><description>the same, in the label's units</description></item>
/// <item><term>naive-bayes</term><description>each feature's log-likelihood ratio, base the prior log-odds: exact Shapley values of the log-odds, which naive Bayes makes additive</description></item>
/// <item><term>hoeffding-tree, hoeffding-adaptive-tree, adaptive-random-forest, leveraging-bagging</term><description>TreeSHAP in probability units, the ensembles averaged as they vote (<see cref="OnlineTrees"/>)</description></item>
/// <item><term>no-change, prior</term><description>every contribution 0; the base value is the answer</description></item>
/// </list>
/// A model with a label history explains its revealed-label inputs like any other feature (<c>revealedLabel1</c>, …).
/// Explaining never changes the model, but like predicting it must not run while the model learns.
/// </remarks>
public static class OnlineExplainer
{
    /// <summary>Explains the model's answer to a validated event, the labels revealed before it (most recent first) given to a label history.</summary>
    /// <exception cref="ArgumentException">The event does not fit the model's schema.</exception>
    /// <exception cref="ExplanationException">The model's learner has no explanation method.</exception>
    public static Explanation Explain(OnlineModel model, ValidEvent e, string modelVersion, ReadOnlySpan<double> revealedLabels = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(e);
        var input = LearnerInput.Of(e, revealedLabels);
        if (model.LabelHistory == 0) return Explain(model.Learner, input, e.Id, modelVersion, model.Updates);
        var numeric = new double[model.History.NumericWidth];
        return Explain(model.Learner, model.History.Extend(input, numeric), e.Id, modelVersion, model.Updates);
    }

    /// <summary>Explains a learner's answer to an input of its own schema.</summary>
    public static Explanation Explain(IOnlineLearner learner, in LearnerInput input, string eventId, string modelVersion, long? updates = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (learner is OnlineModel) throw new ArgumentException("explain an online model with its events (the other overload), which extends them by its label history", nameof(learner));
        var schema = learner.Schema;
        var players = new FeaturePlayers(schema.NumericFeatures, schema.CategoricalFeatures);
        var p = learner.Predict(input);
        var binary = schema.Label == LabelKind.Binary;
        var phi = new double[players.Count];
        var header = new ExplanationHeader(eventId, modelVersion, updates ?? learner.Updates, ExplanationMethods.Constant,
            binary ? ExplanationOutputs.Probability : ExplanationOutputs.Value, true);
        double baseValue;
        switch (learner)
        {
            case LogisticRegressionSgd or LogisticRegressionFtrl or LinearRegressionSgd:
                baseValue = OnlineLinear.Attribute(learner, input, phi);
                header = header with { Method = ExplanationMethods.Linear, Output = binary ? ExplanationOutputs.LogOdds : ExplanationOutputs.Value };
                break;
            case GaussianNaiveBayes bayes:
                var evidence = new LeafEvidence(bayes.Statistics, input.Numeric, Codes(bayes.Codes, input), players.NumericCount);
                if (!evidence.Informative)
                {
                    baseValue = p;
                    break;
                }
                for (var i = 0; i < evidence.Ratios.Length; i++) phi[evidence.Players[i]] += evidence.Ratios[i];
                baseValue = evidence.PriorLogOdds;
                header = header with { Method = ExplanationMethods.NaiveBayesEvidence, Output = ExplanationOutputs.LogOdds };
                break;
            case HoeffdingTree or HoeffdingAdaptiveTree or AdaptiveRandomForest or LeveragingBagging:
                var (trees, codes) = Trees(learner);
                (baseValue, var exact) = OnlineTrees.Attribute(trees, input.Numeric, Codes(codes, input), players.NumericCount, phi);
                header = header with { Method = ExplanationMethods.TreeShap, Exact = exact };
                break;
            case NoChange or Prior:
                baseValue = p;
                break;
            default:
                throw new ExplanationException($"no explanation method for the online learner {learner.GetType().Name}");
        }
        return players.Explain(input.Numeric, input.Categorical, phi, header, baseValue, Score(p, binary, header.Output, baseValue, phi));
    }

    private static (IReadOnlyList<(TreeNode Root, double Share)> Trees, Learning.Features.CategoryCodes Codes) Trees(IOnlineLearner learner) => learner switch
    {
        HoeffdingTree tree => ([(tree.Root, 1.0)], tree.Codes),
        HoeffdingAdaptiveTree tree => ([(tree.Root, 1.0)], tree.Codes),
        AdaptiveRandomForest forest => (forest.Votes().Select(v => (v.Tree.Root, v.Share)).ToArray(), forest.Codes),
        LeveragingBagging bagging => (bagging.Trees.Select(t => (t.Root, 1.0 / bagging.Trees.Count)).ToArray(), bagging.Codes),
        _ => throw new ExplanationException($"{learner.GetType().Name} is not a tree learner"),
    };

    private static int[] Codes(Learning.Features.CategoryCodes codes, in LearnerInput input)
    {
        var encoded = new int[input.Categorical.Length];
        codes.Encode(input.Categorical, encoded, learn: false);
        return encoded;
    }

    /// <summary>The prediction as served: for log-odds explanations the score is the log-odds; otherwise the answer itself.</summary>
    private static ModelScore Score(double p, bool binary, string output, double baseValue, ReadOnlySpan<double> phi)
    {
        if (!binary) return new ModelScore(p, null, null);
        var score = p;
        if (output == ExplanationOutputs.LogOdds)
        {
            score = baseValue;
            foreach (var c in phi) score += c;
        }
        return new ModelScore(score, p, p >= 0.5);
    }
}
