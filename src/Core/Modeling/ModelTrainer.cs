using Microsoft.ML;
using Microsoft.ML.Transforms;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>Fits the spec's trainer, with featurisation inside the model so scoring needs only raw events.</summary>
public static class ModelTrainer
{
    /// <summary>Fewer labelled examples than this cannot give a model worth serving.</summary>
    public const int MinimumExamples = 20;

    internal const string FeaturesColumn = "Features";
    private const string NumericReady = "NumericReady";
    private const string CategoricalOneHot = "CategoricalOneHot";

    /// <summary>Trains on the labelled events; events without a label are skipped.</summary>
    public static TrainedModel Train(CompiledSpec spec, IReadOnlyList<ValidEvent> examples, TimeProvider? clock = null)
    {
        var trainer = spec.Spec.Model.Trainer ?? throw new ModelTrainingException("the spec names no model.trainer: there is no batch model to train");
        var labelled = Labelled(spec, examples);
        var context = new MLContext(spec.Spec.Model.Seed);
        var schema = new ModelSchema(spec);
        var data = schema.Load(context, labelled);
        var pipeline = Featurisation(context, schema, trainer)
            .AppendCacheCheckpoint(context)
            .Append(TrainerCatalog.Create(context, spec.Spec.Model, spec.Spec.Label.Kind));
        var transformer = pipeline.Fit(data);
        var training = new TrainingSummary(
            TrainerCatalog.Canonical(trainer),
            spec.Spec.Model.HyperParameters,
            spec.Spec.Model.Seed,
            labelled.Count,
            (clock ?? TimeProvider.System).GetUtcNow());
        return new TrainedModel(context, schema, transformer, data.Schema, training, TreeCovers.Count(transformer, data));
    }

    /// <summary>Missing values → column means; normalisation for linear trainers; one-hot categoricals; one Features vector.</summary>
    private static IEstimator<ITransformer> Featurisation(MLContext context, ModelSchema schema, string trainer)
    {
        var t = context.Transforms;
        IEstimator<ITransformer> pipeline = t.ReplaceMissingValues(NumericReady, ModelInput.NumericColumn, MissingValueReplacingEstimator.ReplacementMode.Mean);
        if (TrainerCatalog.NeedsNormalisation(trainer))
            pipeline = pipeline.Append(t.NormalizeMinMax(NumericReady));
        if (!schema.HasCategorical)
            return pipeline.Append(t.Concatenate(FeaturesColumn, NumericReady));
        // Missing (empty) and unseen categories both map to an all-zero indicator.
        return pipeline
            .Append(t.Categorical.OneHotEncoding(CategoricalOneHot, ModelInput.CategoricalColumn))
            .Append(t.Concatenate(FeaturesColumn, NumericReady, CategoricalOneHot));
    }

    /// <summary>The labelled events, refused when too few or (binary) of one class.</summary>
    internal static IReadOnlyList<ValidEvent> Labelled(CompiledSpec spec, IReadOnlyList<ValidEvent> examples)
    {
        var labelled = LabelledExamples.Of(examples);
        var count = labelled.Events.Count;
        if (count < MinimumExamples)
            throw new ModelTrainingException($"training needs at least {MinimumExamples} labelled examples; got {count} of {examples.Count} events");
        if (spec.Spec.Label.Kind == LabelKind.Binary && !labelled.HasBothClasses)
            throw new ModelTrainingException($"training a binary label needs both classes; all {count} labelled examples are {(labelled.Positives == 0 ? "negative" : "positive")}");
        return labelled.Events;
    }
}
