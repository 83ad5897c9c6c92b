using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Modeling;

/// <summary>
/// Continues training the serving model on a new batch of labelled events: L-BFGS logistic regression,
/// warm-started from the serving model's weights, on features made by the serving model's own fitted
/// featurisation (imputation means, normalisation bounds, one-hot vocabulary), which the new model keeps.
/// </summary>
/// <remarks>
/// The serving model may come from <see cref="ModelTrainer.Train"/> or from an artifact (<see cref="TrainedModel.Training"/>
/// null); its last step must be a linear binary model (LbfgsLogisticRegression or SdcaLogisticRegression). The
/// spec's hyper-parameters apply when its trainer is LbfgsLogisticRegression; otherwise L-BFGS's defaults do.
/// With L2 regularisation the objective is strictly convex, so a warm start run to convergence lands near the
/// optimum of the batch alone: it saves iterations more than it remembers older data. To keep more of the old
/// model, cap the iterations (the spec's <c>maximumNumberOfIterations</c>).
/// </remarks>
public static class IncrementalTrainer
{
    /// <summary>The trainer named in the new model's <see cref="TrainingSummary"/> and manifest.</summary>
    public const string TrainerName = TrainerCatalog.LbfgsLogisticRegression + " (warm start)";

    /// <summary>Trains on the batch's labelled events (unlabelled ones are skipped) from the serving model's weights.</summary>
    /// <exception cref="ModelTrainingException">The serving model is not linear, or the batch has too few labelled examples or one class only.</exception>
    public static TrainedModel Train(TrainedModel serving, IReadOnlyList<ValidEvent> examples, TimeProvider? clock = null)
    {
        var (predictor, problem) = LinearPredictor.Of(serving);
        if (predictor is null) throw new ModelTrainingException($"incremental training needs a linear serving model: {problem}");
        var spec = serving.Spec;
        var labelled = ModelTrainer.Labelled(spec, examples);
        var model = spec.Spec.Model;
        var hyperParameters = model.Trainer is { } trainer && TrainerCatalog.Canonical(trainer) == TrainerCatalog.LbfgsLogisticRegression
            ? model.HyperParameters
            : new Dictionary<string, double>();

        var context = new MLContext(model.Seed);
        var data = serving.Schema.Load(context, labelled);
        var featurisation = new TransformerChain<ITransformer>(predictor.Featurisation.ToArray());
        var features = context.Data.Cache(featurisation.Transform(data));
        var options = HyperParameters.Apply(TrainerCatalog.LbfgsLogisticRegression, new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            LabelColumnName = ModelInput.LabelColumn,
            FeatureColumnName = ModelTrainer.FeaturesColumn,
        }, hyperParameters);
        var fitted = context.BinaryClassification.Trainers.LbfgsLogisticRegression(options).Fit(features, predictor.Linear);
        var chain = new TransformerChain<ITransformer>([.. predictor.Featurisation, fitted]);
        var training = new TrainingSummary(TrainerName, hyperParameters, model.Seed, labelled.Count, (clock ?? TimeProvider.System).GetUtcNow());
        return new TrainedModel(context, serving.Schema, chain, data.Schema, training);
    }
}
