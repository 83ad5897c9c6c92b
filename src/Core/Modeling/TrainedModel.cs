using Microsoft.ML;
using StreamMl.Core.Explanations;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>A fitted ML.NET model (featurisation included) and the spec whose events it scores.</summary>
public sealed class TrainedModel
{
    internal TrainedModel(MLContext context, ModelSchema schema, ITransformer transformer, DataViewSchema inputSchema, TrainingSummary? training,
        TreeCovers? treeCovers = null)
    {
        Context = context;
        Schema = schema;
        Transformer = transformer;
        InputSchema = inputSchema;
        Training = training;
        TreeCovers = treeCovers;
    }

    public CompiledSpec Spec => Schema.Spec;
    public ModelSchema Schema { get; }
    public ITransformer Transformer { get; }

    /// <summary>The schema the model was fitted on; it is saved with the model and checked on load.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>How the model was trained; null for a model loaded from an artifact (see its manifest).</summary>
    public TrainingSummary? Training { get; }

    internal MLContext Context { get; }

    /// <summary>How the training data fell through a tree ensemble's nodes, for explaining it; null for other models.</summary>
    internal TreeCovers? TreeCovers { get; }
}

/// <summary>What went into training a model.</summary>
public sealed record TrainingSummary(
    string Trainer,
    IReadOnlyDictionary<string, double> HyperParameters,
    int Seed,
    int ExampleCount,
    DateTimeOffset TrainedAt);
