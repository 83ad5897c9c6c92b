using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace StreamMl.Core.Explanations;

/// <summary>The last step of an ML.NET model, the predictor, without its calibrator: linear weights or a tree ensemble.</summary>
/// <remarks>
/// Binary models wrap their predictor in a calibrator (Platt for every trainer of <c>TrainerCatalog</c>), which maps
/// the predictor's score to a probability and is monotone; the explanation is of the score, which is what adds up.
/// </remarks>
internal static class MlNetPredictor
{
    /// <summary>The predictor's parameters, the calibrator removed; null when the model is not a chain ending in a predictor.</summary>
    public static object? Parameters(ITransformer transformer)
    {
        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        var parameters = (last as ISingleFeaturePredictionTransformer<object>)?.Model;
        return parameters is CalibratedModelParametersBase calibrated ? calibrated.SubModel : parameters;
    }

    /// <summary>The tree ensemble of FastTree and LightGBM models (binary or regression), or null.</summary>
    public static RegressionTreeEnsemble? Trees(ITransformer transformer) =>
        (Parameters(transformer) as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble;

    /// <summary>The weights and bias of a linear model (logistic regression, SDCA), or null.</summary>
    public static (float[] Weights, float Bias)? Linear(ITransformer transformer) => Parameters(transformer) switch
    {
        LinearModelParameters linear => (linear.Weights.ToArray(), linear.Bias),
        _ => null,
    };

    /// <summary>Whether a tree tests a categorical split (never with the trainers' options here; refused rather than misread).</summary>
    public static bool HasCategoricalSplits(RegressionTreeEnsemble ensemble)
    {
        foreach (var tree in ensemble.Trees)
            foreach (var categorical in tree.CategoricalSplitFlags)
                if (categorical) return true;
        return false;
    }
}
