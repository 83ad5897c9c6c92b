using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Modeling;

public sealed class SliceEvaluationTests
{
    private static readonly Lazy<TrainedModel> Model = new(() => ModelTrainer.Train(ElecData.Spec, ElecData.Range(0, 3_000)));

    [Fact]
    public void Overall_and_every_slice_match_evaluating_their_events_alone()
    {
        var test = ElecData.Range(3_000, 2_000);

        var report = ModelEvaluation.EvaluateBySlice(Model.Value, test);

        Assert.Equal(ModelEvaluation.Evaluate(Model.Value, test), report.Overall);
        var keys = test.SelectMany(e => e.Slices).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(keys, report.Slices.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("dayPart=night", keys);
        Assert.Contains("demandLevel=high", keys);
        foreach (var key in keys)
        {
            var events = test.Where(e => e.Slices.Contains(key)).ToArray();
            Assert.Equal(events.Length, report.Slices[key].ExampleCount);
            Assert.Equal(ModelEvaluation.Evaluate(Model.Value, events), report.Slices[key]);
        }
        Assert.Equal(report.Overall, report.Slices["*"]);
    }

    [Fact]
    public void Unlabelled_events_are_skipped_and_a_slice_of_one_class_has_no_auc()
    {
        // Night events are all labelled positive; every other event loses its label except the first 500.
        var test = ElecData.Range(3_000, 2_000).Select((e, i) =>
            e.Slices.Contains("dayPart=night") ? e with { Label = 1 } : i < 500 ? e : e with { Label = null }).ToArray();
        var labelled = test.Count(e => e.Label is not null);

        var report = ModelEvaluation.EvaluateBySlice(Model.Value, test);

        Assert.Equal(labelled, report.Overall.ExampleCount);
        var night = report.Slices["dayPart=night"];
        Assert.Null(night.Auc);
        Assert.Null(night.LogLoss);
        Assert.NotNull(report.Overall.Auc);
        // All positive: accuracy is the share predicted positive, and F1 follows from it (precision 1).
        var nightEvents = test.Where(e => e.Slices.Contains("dayPart=night")).ToArray();
        var predictedPositive = new ModelScorer(Model.Value).Score(nightEvents).Count(s => s.PredictedLabel == true) / (double)nightEvents.Length;
        Assert.Equal(predictedPositive, night.Accuracy!.Value, 12);
        Assert.Equal(2 * predictedPositive / (1 + predictedPositive), night.F1!.Value, 12);
        Assert.Equal(night, ModelEvaluation.Evaluate(Model.Value, nightEvents));
    }

    [Fact]
    public void A_numeric_label_gets_mae_and_rmse_per_slice()
    {
        var spec = new CompiledSpec(ElecData.Spec.Spec with
        {
            Label = ElecData.Spec.Spec.Label with { Kind = LabelKind.Numeric },
            Model = new ModelSpec { Trainer = "FastTree", HyperParameters = new Dictionary<string, double> { ["numberOfTrees"] = 20 } },
        });
        var model = ModelTrainer.Train(spec, ElecData.Range(0, 2_000));
        var test = ElecData.Range(2_000, 1_000);

        var report = ModelEvaluation.EvaluateBySlice(model, test);

        Assert.Equal(ModelEvaluation.Evaluate(model, test), report.Overall);
        foreach (var (key, metrics) in report.Slices)
        {
            Assert.Null(metrics.Accuracy);
            Assert.NotNull(metrics.MeanAbsoluteError);
            Assert.Equal(ModelEvaluation.Evaluate(model, test.Where(e => e.Slices.Contains(key)).ToArray()), metrics);
        }
    }

    [Fact]
    public void No_labelled_events_is_refused()
    {
        var test = ElecData.Range(3_000, 10).Select(e => e with { Label = null }).ToArray();
        Assert.Throws<ArgumentException>(() => ModelEvaluation.EvaluateBySlice(Model.Value, test));
    }
}
