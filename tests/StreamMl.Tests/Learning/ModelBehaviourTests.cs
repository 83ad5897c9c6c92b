using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Bayes;
using StreamMl.Core.Learning.Linear;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Spec;
using Xunit;
using StreamMl.Core.Randomness;

namespace StreamMl.Tests.Learning;

/// <summary>Learners whose answer is known in closed form: linear regression, naive Bayes, a tree on a categorical rule.</summary>
public class ModelBehaviourTests
{
    [Fact]
    public void Linear_regression_recovers_the_coefficients_of_a_linear_model()
    {
        var schema = new LearnerSchema(["x1", "x2"], [], LabelKind.Numeric);
        var learner = new LinearRegressionSgd(schema);
        var random = new SeededRandom(3);

        for (var i = 0; i < 20_000; i++)
        {
            double x1 = 10 * random.NextDouble(), x2 = 4 * random.NextDouble() - 2;
            learner.Learn(new LearnerInput([x1, x2], []), 3 + 0.5 * x1 - 2 * x2 + 0.2 * (random.NextDouble() - 0.5));
        }
        var (intercept, weights) = learner.Coefficients();

        Assert.InRange(intercept, 2.9, 3.1);
        Assert.InRange(weights[0], 0.48, 0.52);
        Assert.InRange(weights[1], -2.05, -1.95);
    }

    [Fact]
    public void Naive_bayes_converges_to_the_posterior_of_two_gaussian_classes()
    {
        // Class 1 ~ N(1, 1), class 0 ~ N(−1, 1), equal priors: the true posterior is σ(2x).
        var learner = new GaussianNaiveBayes(new LearnerSchema(["x"], [], LabelKind.Binary));
        var random = new SeededRandom(5);
        for (var i = 0; i < 40_000; i++)
        {
            var y = i % 2;
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            learner.Learn(new LearnerInput([z + (y == 1 ? 1 : -1)], []), y);
        }

        foreach (var x in new[] { -1.5, -0.5, 0, 0.5, 1.5 })
            Assert.InRange(learner.Predict(new LearnerInput([x], [])), Sigmoid(2 * x) - 0.02, Sigmoid(2 * x) + 0.02);
    }

    [Fact]
    public void Naive_bayes_counts_categories_with_laplace_smoothing()
    {
        var learner = new GaussianNaiveBayes(new LearnerSchema([], ["colour"], LabelKind.Binary));
        string[] colours = ["red", "red", "blue", "red", "blue", "blue", "blue"];
        double[] labels = [1, 1, 1, 0, 0, 0, 0];
        for (var i = 0; i < colours.Length; i++) learner.Learn(new LearnerInput([], [colours[i]]), labels[i]);

        // P(1) = 3/7, P(red | 1) = (2 + 1) / (3 + 3), P(red | 0) = (1 + 1) / (4 + 3): K = 2 values seen, one share kept for unseen.
        var odds = 3.0 / 4 * (3.0 / 6) / (2.0 / 7);
        Assert.Equal(odds / (1 + odds), learner.Predict(new LearnerInput([], ["red"])), 12);
        // An unseen value adds no evidence: the prior.
        Assert.Equal(3.0 / 7, learner.Predict(new LearnerInput([], ["green"])), 12);
    }

    [Fact]
    public void A_tree_splits_on_a_category_and_sends_unseen_values_with_the_others()
    {
        var schema = new LearnerSchema(["noise"], ["colour"], LabelKind.Binary);
        var tree = new HoeffdingTree(schema);
        var random = new SeededRandom(8);
        string[] colours = ["red", "green", "blue", "black"];
        for (var i = 0; i < 5_000; i++)
        {
            var colour = colours[random.NextInt(4)];
            tree.Learn(new LearnerInput([random.NextDouble()], [colour]), colour == "red" ? 1 : 0);
        }

        Assert.Equal(["colour"], tree.SplitFeatures());
        Assert.True(tree.Predict(new LearnerInput([0.5], ["red"])) > 0.99);
        Assert.True(tree.Predict(new LearnerInput([0.5], ["never-seen"])) < 0.01);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
