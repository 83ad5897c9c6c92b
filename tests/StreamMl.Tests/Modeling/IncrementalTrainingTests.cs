using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using Xunit;
using Xunit.Abstractions;

namespace StreamMl.Tests.Modeling;

public sealed class IncrementalTrainingTests(ITestOutputHelper output)
{
    private static readonly CompiledSpec Lbfgs = ElecData.WithModel("LbfgsLogisticRegression");
    private static readonly Lazy<TrainedModel> Old = new(() => ModelTrainer.Train(Lbfgs, ElecData.Range(0, 2_000)));

    private static LinearBinaryModelParameters Linear(TrainedModel model) => LinearPredictor.Of(model).Predictor!.Linear;

    private static float[] Parameters(TrainedModel model)
    {
        var linear = Linear(model);
        return [.. linear.Weights, linear.Bias];
    }

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());

    [Fact]
    public void The_warm_started_weights_differ_from_the_old_and_from_a_cold_start_on_the_batch()
    {
        var batch = ElecData.Range(2_000, 1_000);

        var warm = IncrementalTrainer.Train(Old.Value, batch);
        var cold = ModelTrainer.Train(Lbfgs, batch);

        output.WriteLine($"old  {string.Join(", ", Parameters(Old.Value).Select(w => w.ToString("F4")))}");
        output.WriteLine($"warm {string.Join(", ", Parameters(warm).Select(w => w.ToString("F4")))}");
        output.WriteLine($"cold {string.Join(", ", Parameters(cold).Select(w => w.ToString("F4")))}");
        Assert.True(Distance(Parameters(warm), Parameters(Old.Value)) > 0.1);
        Assert.True(Distance(Parameters(warm), Parameters(cold)) > 0.1);
        Assert.Equal(IncrementalTrainer.TrainerName, warm.Training!.Trainer);
        Assert.Equal(1_000, warm.Training.ExampleCount);
        // The old model is untouched.
        Assert.Equal(Parameters(Old.Value), Parameters(ModelTrainer.Train(Lbfgs, ElecData.Range(0, 2_000))));
    }

    [Fact]
    public void The_new_model_keeps_the_old_featurisation()
    {
        var warm = IncrementalTrainer.Train(Old.Value, ElecData.Range(2_000, 1_000));

        var before = LinearPredictor.Of(Old.Value).Predictor!.Featurisation;
        var after = LinearPredictor.Of(warm).Predictor!.Featurisation;
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++) Assert.Same(before[i], after[i]);
    }

    [Fact]
    public void Run_to_convergence_it_meets_a_cold_start_on_the_same_features_and_capped_it_stays_nearer_the_old_model()
    {
        // L2-regularised logistic regression has one optimum: a warm start run to convergence finds the same one as
        // a cold start on the same features. Capping the iterations is what keeps part of the old model.
        var batch = ElecData.Range(2_000, 1_000);
        var converged = Parameters(IncrementalTrainer.Train(Old.Value, batch));
        var coldConverged = ColdOnOldFeatures(Old.Value, batch, iterations: null);
        Assert.True(Distance(converged, coldConverged) < 0.01, $"{Distance(converged, coldConverged)}");

        var capped = new CompiledSpec(Lbfgs.Spec with { Model = Lbfgs.Spec.Model with { HyperParameters = new Dictionary<string, double> { ["maximumNumberOfIterations"] = 5 } } });
        var oldCapped = Reload(Old.Value, capped);
        var warm = Parameters(IncrementalTrainer.Train(oldCapped, batch));
        var cold = ColdOnOldFeatures(Old.Value, batch, iterations: 5);
        var old = Parameters(Old.Value);
        output.WriteLine($"5 iterations: warm is {Distance(warm, old):F3} from the old weights, cold {Distance(cold, old):F3}; converged {Distance(converged, old):F3}");
        Assert.True(Distance(warm, cold) > 0.1);
        Assert.True(Distance(warm, old) < Distance(cold, old));
        Assert.Equal(5, IncrementalTrainer.Train(oldCapped, batch).Training!.HyperParameters["maximumNumberOfIterations"]);
    }

    [Fact]
    public void It_round_trips_through_an_artifact_and_gets_a_manifest()
    {
        var warm = IncrementalTrainer.Train(Old.Value, ElecData.Range(2_000, 1_000));
        var probe = ElecData.Range(3_000, 500);

        var artifact = ModelArtifact.Create(warm);
        var loaded = ModelArtifact.Load(artifact.Bytes.Span, artifact.Sha256, Lbfgs);
        var manifest = ModelManifest.Create(artifact, "v2", ModelEvaluation.Evaluate(warm, probe));

        Assert.Equal(new ModelScorer(warm).Score(probe), new ModelScorer(loaded.Model).Score(probe));
        Assert.Equal(IncrementalTrainer.TrainerName, manifest.Trainer);
        Assert.Equal(1_000, manifest.ExampleCount);
        Assert.Equal(Parameters(warm), Parameters(loaded.Model));
    }

    [Fact]
    public void A_model_loaded_from_an_artifact_can_be_warm_started_again()
    {
        var artifact = ModelArtifact.Create(Old.Value);
        var loaded = ModelArtifact.Load(artifact.Bytes.Span, artifact.Sha256, Lbfgs).Model;
        Assert.Null(loaded.Training);
        var batch = ElecData.Range(2_000, 1_000);

        var fromLoaded = IncrementalTrainer.Train(loaded, batch);
        var fromTrained = IncrementalTrainer.Train(Old.Value, batch);

        Assert.NotNull(fromLoaded.Training);
        Assert.Equal(Parameters(fromTrained), Parameters(fromLoaded));
        var again = IncrementalTrainer.Train(fromLoaded, ElecData.Range(3_000, 1_000));
        Assert.NotEqual(Parameters(fromLoaded), Parameters(again));
    }

    [Fact]
    public void On_the_elec_stream_it_predicts_the_next_batch_at_least_as_well_as_the_frozen_model()
    {
        // Trained on rows 0–2,000, then warm-started on each batch of 1,000 rows in turn; after four batches, each model
        // is scored on the batch that follows it, before it trains on that batch.
        var frozen = Old.Value;
        var current = frozen;
        for (var start = 2_000; start < 6_000; start += 1_000) current = IncrementalTrainer.Train(current, ElecData.Range(start, 1_000));
        var (warmSum, frozenSum, batches) = (0.0, 0.0, 0);
        for (var start = 6_000; start < 12_000; start += 1_000)
        {
            var next = ElecData.Range(start, 1_000);
            var warm = ModelEvaluation.Evaluate(current, next).Accuracy!.Value;
            var still = ModelEvaluation.Evaluate(frozen, next).Accuracy!.Value;
            output.WriteLine($"rows {start}–{start + 1_000}: warm-started {warm:F4}, frozen {still:F4}");
            (warmSum, frozenSum, batches) = (warmSum + warm, frozenSum + still, batches + 1);
            current = IncrementalTrainer.Train(current, next);
        }
        output.WriteLine($"mean over {batches} batches: warm-started {warmSum / batches:F4}, frozen {frozenSum / batches:F4}");
        Assert.True(warmSum >= frozenSum, $"warm-started {warmSum / batches:F4} < frozen {frozenSum / batches:F4}");
    }

    [Fact]
    public void A_serving_logistic_regression_of_sdca_is_warm_started_too()
    {
        var sdca = ModelTrainer.Train(ElecData.WithModel("SdcaLogisticRegression"), ElecData.Range(0, 2_000));
        var warm = IncrementalTrainer.Train(sdca, ElecData.Range(2_000, 1_000));
        Assert.NotEqual(Parameters(sdca), Parameters(warm));
        Assert.Empty(warm.Training!.HyperParameters);
    }

    [Fact]
    public void A_tree_model_is_refused_by_name()
    {
        var trees = ModelTrainer.Train(ElecData.Spec, ElecData.Range(0, 1_000));
        var e = Assert.Throws<ModelTrainingException>(() => IncrementalTrainer.Train(trees, ElecData.Range(1_000, 500)));
        output.WriteLine(e.Message);
        Assert.Contains("needs a linear serving model", e.Message);
        Assert.Contains("FastTree", e.Message);
    }

    [Fact]
    public void A_numeric_label_is_refused()
    {
        var numeric = new CompiledSpec(ElecData.Spec.Spec with
        {
            Label = ElecData.Spec.Spec.Label with { Kind = LabelKind.Numeric },
            Model = new ModelSpec { Trainer = "Sdca" },
        });
        var model = ModelTrainer.Train(numeric, ElecData.Range(0, 1_000));
        var e = Assert.Throws<ModelTrainingException>(() => IncrementalTrainer.Train(model, ElecData.Range(1_000, 500)));
        Assert.Contains("numeric", e.Message);
    }

    [Fact]
    public void A_batch_of_one_class_or_too_few_labels_is_refused()
    {
        var oneClass = ElecData.Range(2_000, 100).Select(e => e with { Label = 0 }).ToArray();
        Assert.Contains("both classes", Assert.Throws<ModelTrainingException>(() => IncrementalTrainer.Train(Old.Value, oneClass)).Message);
        var unlabelled = ElecData.Range(2_000, 100).Select((e, i) => i < 5 ? e : e with { Label = null }).ToArray();
        Assert.Contains("got 5 of 100", Assert.Throws<ModelTrainingException>(() => IncrementalTrainer.Train(Old.Value, unlabelled)).Message);
    }

    /// <summary>A model with another spec (here, other hyper-parameters) around the same bytes.</summary>
    private static TrainedModel Reload(TrainedModel model, CompiledSpec spec)
    {
        var artifact = ModelArtifact.Create(model);
        return ModelArtifact.Load(artifact.Bytes.Span, artifact.Sha256, spec).Model;
    }

    /// <summary>L-BFGS from zero on the batch as featurised by the model's own featurisation.</summary>
    private static float[] ColdOnOldFeatures(TrainedModel model, IReadOnlyList<Core.Ingestion.ValidEvent> batch, int? iterations)
    {
        var context = new MLContext(1);
        var featurisation = new TransformerChain<ITransformer>(LinearPredictor.Of(model).Predictor!.Featurisation.ToArray());
        var features = featurisation.Transform(model.Schema.Load(context, batch));
        var options = new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 };
        if (iterations is { } n) options.MaximumNumberOfIterations = n;
        var linear = context.BinaryClassification.Trainers.LbfgsLogisticRegression(options).Fit(features).Model.SubModel;
        return [.. linear.Weights, linear.Bias];
    }
}
