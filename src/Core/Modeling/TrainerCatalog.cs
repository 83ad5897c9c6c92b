using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Modeling;

/// <summary>The trainers a spec may name, for binary and numeric labels.</summary>
/// <remarks>
/// Every trainer runs on one thread: multi-threaded SDCA, L-BFGS and LightGBM sum in an order that
/// varies between runs, and retraining on the same data must give byte-identical scores.
/// </remarks>
internal static class TrainerCatalog
{
    public const string FastTree = "FastTree";
    public const string LightGbm = "LightGbm";
    public const string LbfgsLogisticRegression = "LbfgsLogisticRegression";
    public const string SdcaLogisticRegression = "SdcaLogisticRegression";
    public const string Sdca = "Sdca";

    public static IReadOnlyList<string> Names { get; } = [FastTree, LightGbm, LbfgsLogisticRegression, SdcaLogisticRegression, Sdca];

    // LightGBM calls its trees iterations; accept the FastTree name too so specs can switch trainers freely.
    private static readonly Dictionary<string, string> GbmAliases = new(StringComparer.OrdinalIgnoreCase) { ["numberOfTrees"] = "NumberOfIterations" };

    /// <summary>Linear trainers need features on a common scale; trees do not.</summary>
    public static bool NeedsNormalisation(string trainer) => Canonical(trainer) is not (FastTree or LightGbm);

    public static IEstimator<ITransformer> Create(MLContext context, ModelSpec model, LabelKind label)
    {
        var name = Canonical(model.Trainer ?? throw new ModelTrainingException("the spec names no model.trainer"));
        var p = model.HyperParameters;
        var seed = model.Seed;
        var binary = context.BinaryClassification.Trainers;
        var regression = context.Regression.Trainers;
        return (name, label) switch
        {
            (FastTree, LabelKind.Binary) => binary.FastTree(
                HyperParameters.Apply(name, new FastTreeBinaryTrainer.Options { Seed = seed, FeatureSelectionSeed = seed, NumberOfThreads = 1 }, p)),
            (FastTree, LabelKind.Numeric) => regression.FastTree(
                HyperParameters.Apply(name, new FastTreeRegressionTrainer.Options { Seed = seed, FeatureSelectionSeed = seed, NumberOfThreads = 1 }, p)),
            (LightGbm, LabelKind.Binary) => binary.LightGbm(
                HyperParameters.Apply(name, new LightGbmBinaryTrainer.Options { Seed = seed, NumberOfThreads = 1, Deterministic = true, Silent = true, Booster = new GradientBooster.Options() }, p, GbmAliases)),
            (LightGbm, LabelKind.Numeric) => regression.LightGbm(
                HyperParameters.Apply(name, new LightGbmRegressionTrainer.Options { Seed = seed, NumberOfThreads = 1, Deterministic = true, Silent = true, Booster = new GradientBooster.Options() }, p, GbmAliases)),
            (LbfgsLogisticRegression, LabelKind.Binary) => binary.LbfgsLogisticRegression(
                HyperParameters.Apply(name, new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }, p)),
            (SdcaLogisticRegression, LabelKind.Binary) => binary.SdcaLogisticRegression(
                HyperParameters.Apply(name, new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1 }, p)),
            (Sdca, LabelKind.Numeric) => regression.Sdca(
                HyperParameters.Apply(name, new SdcaRegressionTrainer.Options { NumberOfThreads = 1 }, p)),
            _ => throw new ModelTrainingException($"trainer '{name}' cannot learn a {label.ToString().ToLowerInvariant()} label"),
        };
    }

    /// <summary>The catalogue spelling of a trainer name, matched without regard to case.</summary>
    public static string Canonical(string trainer)
    {
        foreach (var name in Names)
            if (string.Equals(name, trainer, StringComparison.OrdinalIgnoreCase)) return name;
        throw new ModelTrainingException($"unknown trainer '{trainer}'; known: {string.Join(", ", Names)}");
    }
}
