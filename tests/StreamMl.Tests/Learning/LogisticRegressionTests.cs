using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Linear;
using Xunit;
using Xunit.Abstractions;
using static StreamMl.Tests.Learning.LearningStreams;

namespace StreamMl.Tests.Learning;

/// <summary>
/// Logistic regression learnt online recovers the weights of a logistic model: those it was drawn from, and those
/// scikit-learn's batch maximum-likelihood fit finds on the very same examples.
/// </summary>
public class LogisticRegressionTests(ITestOutputHelper output)
{
    private static readonly double[] TrueWeights = [2, -1, 0.5, 0];
    private const double TrueIntercept = 0.5;

    // sklearn_reference.py: LogisticRegression(penalty=None, tol=1e-10, max_iter=10000) on the 20,000 examples of
    // LearningStreams.Logistic(seed 7, b = 0.5, w = (2, −1, 0.5, 0)), drawn there with the same generator.
    private const double SklearnIntercept = 0.5061713772460601;
    private static readonly double[] SklearnWeights = [1.9850319933474216, -0.9748934314768298, 0.5407183169208899, -0.003362719773228894];

    private static readonly LearnerSchema Schema = new(["x1", "x2", "x3", "x4"], [], Core.Spec.LabelKind.Binary);

    [Fact]
    public void The_test_stream_is_the_one_scikit_learn_was_fitted_on()
    {
        var stream = Logistic(7, 20_000, TrueIntercept, TrueWeights);

        // The reference script's first draws and positive count.
        Assert.Equal([0.802306, -0.884995, 1.35851, 1.924391], stream[0].Numeric.Select(v => Math.Round(v, 6)));
        Assert.Equal(0, stream[0].Label);
        Assert.Equal(11_090, stream.Count(e => e.Label == 1));
    }

    public static TheoryData<string, Func<IOnlineLearner>, Func<IOnlineLearner, (double, double[])>> Learners => new()
    {
        { "sgd", () => new LogisticRegressionSgd(Schema), l => ((LogisticRegressionSgd)l).Coefficients() },
        { "ftrl", () => new LogisticRegressionFtrl(Schema), l => ((LogisticRegressionFtrl)l).Coefficients() },
    };

    [Theory]
    [MemberData(nameof(Learners))]
    public void Logistic_regression_recovers_the_weights_of_a_logistic_model(string name, Func<IOnlineLearner> create, Func<IOnlineLearner, (double, double[])> coefficients)
    {
        var learner = create();
        foreach (var e in Logistic(7, 20_000, TrueIntercept, TrueWeights)) learner.Learn(e.Input, e.Label);

        var (intercept, weights) = coefficients(learner);

        output.WriteLine($"{name}: b = {intercept:F4}, w = ({string.Join(", ", weights.Select(w => w.ToString("F4")))})");
        // One pass of a stochastic method ends near the optimum, not on it: the direction is tight, the ratios of the
        // weights within 0.05, the scale within 12 % (FTRL's steps shrink as 1/√n and it approaches from 0), the
        // intercept within 0.2 (constant-step SGD's last iterate wanders by about 0.07 around it).
        Assert.True(Cosine(weights, SklearnWeights) > 0.999, $"direction: cosine {Cosine(weights, SklearnWeights)}");
        for (var j = 1; j < weights.Length; j++)
            Assert.InRange(weights[j] / weights[0], SklearnWeights[j] / SklearnWeights[0] - 0.05, SklearnWeights[j] / SklearnWeights[0] + 0.05);
        Assert.InRange(Norm(weights) / Norm(SklearnWeights), 0.88, 1.12);
        Assert.InRange(Math.Abs(weights[3]), 0, 0.1);
        Assert.InRange(intercept, SklearnIntercept - 0.2, SklearnIntercept + 0.2);
    }

    private static double Norm(double[] a) => Math.Sqrt(a.Sum(x => x * x));

    private static double Cosine(double[] a, double[] b) =>
        a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(y => y * y));
}
