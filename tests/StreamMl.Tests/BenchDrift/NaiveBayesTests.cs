using StreamMl.Cluster.Benchmarks;
using Xunit;

namespace StreamMl.Tests.BenchDrift;

/// <summary>The benchmark's naive Bayes learner on a four-example data set worked out by hand.</summary>
public class NaiveBayesTests
{
    // Class 0: x = 1, 3 (mean 2, sample variance 2), colours a, a. Class 1: x = 10, 12 (mean 11, variance 2), colours b, a.
    private static NaiveBayes Trained()
    {
        var learner = new NaiveBayes(classes: 2, numericFeatures: 1, categoricalFeatures: 1);
        learner.Learn([1.0], ["a"], 0);
        learner.Learn([3.0], ["a"], 0);
        learner.Learn([10.0], ["b"], 1);
        learner.Learn([12.0], ["a"], 1);
        return learner;
    }

    [Fact]
    public void Log_joint_is_prior_plus_gaussian_plus_smoothed_frequency()
    {
        var learner = Trained();
        // Prior (2 + 1)/(4 + 2) = 1/2. Normal density with variance 2: −½·ln(2π·2) − d²/4.
        // Colour b: V = 2 distinct values, so (count + 1)/(2 + 2 + 1): 1/5 in class 0, 2/5 in class 1.
        var gaussianNorm = -0.5 * Math.Log(4 * Math.PI);
        var expected0 = Math.Log(0.5) + gaussianNorm - 0 + Math.Log(1.0 / 5);
        var expected1 = Math.Log(0.5) + gaussianNorm - 81.0 / 4 + Math.Log(2.0 / 5);

        Assert.Equal(expected0, learner.LogJoint(0, [2.0], ["b"]), 12);
        Assert.Equal(expected1, learner.LogJoint(1, [2.0], ["b"]), 12);
    }

    [Fact]
    public void Predict_returns_the_argmax_and_the_softmax_probabilities()
    {
        var learner = Trained();
        var p = new double[2];

        Assert.Equal(0, learner.Predict([2.0], ["b"], p));
        // ln P(0)/P(1) = 81/4 + ln(1/5) − ln(2/5) = 20.25 − ln 2.
        Assert.Equal(1 / (1 + Math.Exp(-(20.25 - Math.Log(2)))), p[0], 12);
        Assert.Equal(1, p[0] + p[1], 12);

        Assert.Equal(1, learner.Predict([11.0], ["b"], p));
        Assert.True(p[1] > 0.99);
    }

    [Fact]
    public void An_unseen_category_is_smoothed_not_fatal()
    {
        var learner = Trained();
        // Colour c: (0 + 1)/(2 + 2 + 1) in both classes, so only x decides.
        Assert.Equal(learner.LogJoint(0, [2.0], ["b"]) - Math.Log(1.0 / 5) + Math.Log(1.0 / 5), learner.LogJoint(0, [2.0], ["c"]), 12);
        Assert.Equal(1, learner.Predict([11.5], ["c"], new double[2]));
    }

    [Fact]
    public void Without_examples_the_classes_tie_and_the_first_wins()
    {
        var learner = new NaiveBayes(2, 1, 0);
        var p = new double[2];

        Assert.Equal(0, learner.Predict([5.0], [], p));
        Assert.Equal([0.5, 0.5], p);
    }

    [Fact]
    public void A_class_with_one_example_ignores_numeric_features()
    {
        var learner = new NaiveBayes(2, 1, 0);
        learner.Learn([0.0], [], 1);

        // Class 0: prior 1/3; class 1: prior 2/3 and no density yet, however far x is.
        Assert.Equal(Math.Log(1.0 / 3), learner.LogJoint(0, [100.0], []), 12);
        Assert.Equal(Math.Log(2.0 / 3), learner.LogJoint(1, [100.0], []), 12);
    }

    [Fact]
    public void Inputs_of_the_wrong_shape_are_rejected()
    {
        var learner = new NaiveBayes(2, 1, 1);

        Assert.Throws<ArgumentException>(() => learner.Learn([1.0, 2.0], ["a"], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => learner.Learn([1.0], ["a"], 2));
        Assert.Throws<ArgumentException>(() => learner.Predict([1.0], ["a"], new double[3]));
    }
}
