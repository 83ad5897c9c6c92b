using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace StreamMl.Core.Modeling;

/// <summary>
/// A model split into its featurisation (every transformer of the chain but the last) and its final predictor,
/// when that predictor is a linear binary model such as logistic regression.
/// </summary>
/// <param name="Featurisation">The fitted transformers that turn raw inputs into the Features column, in order.</param>
/// <param name="Linear">The predictor's weights and bias (without its calibrator).</param>
internal sealed record LinearPredictor(IReadOnlyList<ITransformer> Featurisation, LinearBinaryModelParameters Linear)
{
    /// <summary>The split of a model, or why it has none: the reason names what the model's last step is.</summary>
    public static (LinearPredictor? Predictor, string? Problem) Of(TrainedModel model)
    {
        if (!model.Schema.IsBinary)
            return (null, $"the label of spec '{model.Spec.Spec.Name}' is numeric; only a binary linear model can be warm-started");
        if (model.Transformer is not TransformerChain<ITransformer> chain)
            return (null, $"the model is a {Describe(model.Transformer)}, not a chain of featurisation and predictor");
        var steps = chain.ToArray();
        if (steps.Length < 2)
            return (null, "the model has no featurisation before its predictor");
        var last = steps[^1];
        var parameters = (last as ISingleFeaturePredictionTransformer<object>)?.Model;
        var linear = parameters switch
        {
            CalibratedModelParametersBase calibrated => calibrated.SubModel as LinearBinaryModelParameters,
            _ => parameters as LinearBinaryModelParameters,
        };
        if (linear is null)
            return (null, $"the model's predictor is {Describe(parameters ?? last)}, not a linear binary model");
        return (new LinearPredictor(steps[..^1], linear), null);
    }

    private static string Describe(object o)
    {
        var type = o.GetType();
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (o is CalibratedModelParametersBase calibrated && calibrated.SubModel is { } inner) return $"{Describe(inner)} (calibrated)";
        return name;
    }
}
