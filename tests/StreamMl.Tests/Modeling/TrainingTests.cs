using StreamMl.Core.Modeling;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Modeling;

public sealed class TrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("FastTree")]
    [InlineData(null)]
    public void Training_on_elec_beats_the_majority_class(string? trainer)
    {
        // null: the model section of specs/elec2.json as it stands.
        var spec = trainer is null ? ElecData.Spec : ElecData.WithModel(trainer, new() { ["numberOfTrees"] = 100, ["numberOfLeaves"] = 20, ["learningRate"] = 0.2 });
        var train = ElecData.Range(0, 10_000);
        var test = ElecData.Range(10_000, 5_000);
        // The reference: always answering the training set's majority class.
        var majorityIsPositive = train.Count(e => e.Label == 1) * 2 > train.Length;
        var majorityRate = test.Count(e => (e.Label == 1) == majorityIsPositive) / (double)test.Length;

        var model = ModelTrainer.Train(spec, train);
        var metrics = ModelEvaluation.Evaluate(model, test);

        output.WriteLine($"{spec.Spec.Model.Trainer}: accuracy {metrics.Accuracy:F4}, AUC {metrics.Auc:F4}, F1 {metrics.F1:F4}, log-loss {metrics.LogLoss:F4}; majority class {majorityRate:F4}");
        Assert.Equal(5_000, metrics.ExampleCount);
        Assert.True(metrics.Accuracy > majorityRate + 0.05, $"accuracy {metrics.Accuracy:F4} vs majority {majorityRate:F4}");
        Assert.InRange(metrics.Auc!.Value, 0.5, 1);
        Assert.NotNull(metrics.F1);
        Assert.NotNull(metrics.LogLoss);
        Assert.Equal(spec.Spec.Model.Trainer, model.Training!.Trainer);
        Assert.Equal(10_000, model.Training.ExampleCount);
    }

    [Theory]
    [InlineData("FastTree")]
    [InlineData("LightGbm")]
    [InlineData("LbfgsLogisticRegression")]
    [InlineData("SdcaLogisticRegression")]
    public void Retraining_on_the_same_data_gives_identical_scores(string trainer)
    {
        var spec = ElecData.WithModel(trainer);
        var train = ElecData.Range(0, 3_000);
        var probe = ElecData.Range(3_000, 500);

        var first = new ModelScorer(ModelTrainer.Train(spec, train)).Score(probe);
        var second = new ModelScorer(ModelTrainer.Train(spec, train)).Score(probe);

        Assert.Equal(first, second);
        Assert.All(first, s => Assert.NotNull(s.Probability));
    }

    [Fact]
    public void An_unknown_trainer_is_named()
    {
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(ElecData.WithModel("DeepForest"), ElecData.Range(0, 100)));
        Assert.Contains("'DeepForest'", e.Message);
    }

    [Fact]
    public void An_unknown_hyper_parameter_is_named()
    {
        var spec = ElecData.WithModel("FastTree", new() { ["numberOfTrees"] = 10, ["numberOfTreez"] = 5 });
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(spec, ElecData.Range(0, 100)));
        Assert.Contains("'numberOfTreez'", e.Message);
        Assert.Contains("numberOfTrees", e.Message);
    }

    [Theory]
    [InlineData("LbfgsLogisticRegression", "l2Regularization", 0.5)]
    [InlineData("SdcaLogisticRegression", "maximumNumberOfIterations", 5)]
    [InlineData("LightGbm", "l2Regularization", 1)]
    [InlineData("LightGbm", "numberOfTrees", 20)]
    [InlineData("FastTree", "minimumExampleCountPerLeaf", 30)]
    public void Hyper_parameters_of_every_type_are_applied(string trainer, string name, double value)
    {
        var model = ModelTrainer.Train(ElecData.WithModel(trainer, new() { [name] = value }), ElecData.Range(0, 500));
        Assert.Equal(value, model.Training!.HyperParameters[name]);
    }

    [Fact]
    public void A_fractional_count_is_refused()
    {
        var spec = ElecData.WithModel("LightGbm", new() { ["numberOfLeaves"] = 7.5 });
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(spec, ElecData.Range(0, 100)));
        Assert.Contains("'numberOfLeaves'", e.Message);
    }

    [Fact]
    public void A_binary_only_trainer_refuses_a_numeric_label()
    {
        var numeric = ElecData.Spec.Spec with
        {
            Label = ElecData.Spec.Spec.Label with { Kind = Core.Spec.LabelKind.Numeric },
            Model = ElecData.Spec.Spec.Model with { Trainer = "SdcaLogisticRegression" },
        };
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(new(numeric), ElecData.Range(0, 100)));
        Assert.Contains("SdcaLogisticRegression", e.Message);
    }

    [Fact]
    public void Unlabelled_events_are_skipped_and_too_few_labels_refused()
    {
        var events = ElecData.Range(0, 500).Select((e, i) => i < 10 ? e : e with { Label = null }).ToArray();
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(ElecData.Spec, events));
        Assert.Contains("got 10 of 500", e.Message);
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        var events = ElecData.Range(0, 100).Select(e => e with { Label = 1 }).ToArray();
        var e = Assert.Throws<ModelTrainingException>(() => ModelTrainer.Train(ElecData.Spec, events));
        Assert.Contains("both classes", e.Message);
    }
}
