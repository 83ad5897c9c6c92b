using Microsoft.ML;
using Microsoft.ML.Data;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Features;
using StreamMl.Core.Learning.Linear;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>A linear model's contributions are its weights times the values it scored, worked out by hand.</summary>
public sealed class LinearContributionTests
{
    [Fact]
    public void Online_logistic_regression_contributions_equal_the_hand_computed_ones()
    {
        // Two SGD steps with η = η_b = 0.5, worked on paper:
        // 1. (a=1, b=3, red, y=1): the scaler has one value per feature, variance 0, so a and b standardise to 0;
        //    score 0, σ = ½, g = −½: w_red = 0.25, intercept 0.25.
        // 2. (a=3, b=1, blue, y=0): means (2, 2), population variances 1, so z = (1, −1); score 0.25, s = σ(0.25),
        //    g = s: w_a = −s/2, w_b = +s/2, w_blue = −s/2, intercept 0.25 − s/2.
        // Explaining (a=4, b=0, red): z = (2, −2), so a gives −s, b gives −s, the colour w_red = 0.25.
        var schema = new LearnerSchema(["a", "b"], ["colour"], LabelKind.Binary);
        var learner = new LogisticRegressionSgd(schema, new SgdOptions { LearningRate = 0.5, InterceptLearningRate = 0.5 });
        Assert.NotEqual(FeatureHashing.Bucket(0, "red", 1024), FeatureHashing.Bucket(0, "blue", 1024));
        learner.Learn(new LearnerInput([1.0, 3.0], ["red"]), 1);
        learner.Learn(new LearnerInput([3.0, 1.0], ["blue"]), 0);
        var s = 1 / (1 + Math.Exp(-0.25));

        var explanation = OnlineExplainer.Explain(learner, new LearnerInput([4.0, 0.0], ["red"]), "e-1", "v1");

        Assert.Equal(ExplanationOutputs.LogOdds, explanation.Output);
        Assert.Equal(0.25 - s / 2, explanation.BaseValue, 1e-15);
        Assert.Equal(-s, Contribution(explanation, "a"), 1e-15);
        Assert.Equal(-s, Contribution(explanation, "b"), 1e-15);
        Assert.Equal(0.25, Contribution(explanation, "colour"), 1e-15);
        Assert.Equal(1 / (1 + Math.Exp(-(0.25 - s / 2 - 2 * s + 0.25))), explanation.Prediction.Probability!.Value, 1e-15);

        // A missing value sits at the running mean and a missing category sets no bucket: both contribute nothing.
        var missing = OnlineExplainer.Explain(learner, new LearnerInput([double.NaN, 0.0], [null]), "e-2", "v1");
        Assert.Equal(0, Contribution(missing, "a"));
        Assert.Equal(0, Contribution(missing, "colour"));
        Assert.Equal(s / 2 * -2, Contribution(missing, "b"), 1e-15);
    }

    [Fact]
    public void MLNET_logistic_regression_contributions_are_weight_times_the_scaled_value()
    {
        var spec = ExplanationData.Spec("LbfgsLogisticRegression");
        var training = ExplanationData.Events(1, 2000).Where(e => !double.IsNaN(e.Numeric[0])).ToArray();
        var model = ModelTrainer.Train(spec, training);
        var weights = LinearPredictor.Of(model).Predictor!.Linear.Weights.ToArray();
        var bias = LinearPredictor.Of(model).Predictor!.Linear.Bias;
        var slots = SlotNames(model);
        // Min-max scaling that keeps zero at zero: x / max |x| over the training data, per feature.
        var scale = Enumerable.Range(0, 3).Select(j => training.Max(e => Math.Abs(e.Numeric[j]))).ToArray();
        var e = new ValidEvent("e-1", null, [0.7, -0.4, 0.2], ["c1", null], [], null, ["*"]);

        var explanation = ServingExplanations.Explain(model, e, "v1");

        Assert.Equal(bias, explanation.BaseValue, 1e-6);
        for (var j = 0; j < 3; j++)
        {
            var w = weights[Array.IndexOf(slots, "NumericReady." + ExplanationData.Numeric[j])];
            Assert.Equal(w * e.Numeric[j] / scale[j], Contribution(explanation, ExplanationData.Numeric[j]), 1e-5);
        }
        Assert.Equal(weights[Array.IndexOf(slots, "CategoricalOneHot.colour.c1")], Contribution(explanation, "colour"), 1e-6);
        Assert.Equal(0, Contribution(explanation, "size"));
    }

    private static double Contribution(Explanation explanation, string feature) =>
        explanation.Contributions.Single(c => c.Feature == feature).Contribution;

    private static string[] SlotNames(TrainedModel model)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.Transformer.GetOutputSchema(model.InputSchema)["Features"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
