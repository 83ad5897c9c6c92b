using StreamMl.Core.Learning.Baselines;
using StreamMl.Core.Learning.Bayes;
using StreamMl.Core.Learning.Ensembles;
using StreamMl.Core.Learning.Linear;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Learning;

/// <summary>The online learners by name: each made from its hyper-parameters, a seed and a schema.</summary>
/// <remarks>
/// <list type="table">
/// <item><term>no-change</term><description>last label learnt; binary or numeric; no hyper-parameters (<see cref="NoChange"/>)</description></item>
/// <item><term>prior</term><description>positive share or running mean; binary or numeric; none (<see cref="Prior"/>)</description></item>
/// <item><term>naive-bayes</term><description>binary; none (<see cref="GaussianNaiveBayes"/>)</description></item>
/// <item><term>logistic-sgd</term><description>binary; learningRate 0.01, interceptLearningRate 0.01, l2 0, hashBuckets 1024 (<see cref="LogisticRegressionSgd"/>)</description></item>
/// <item><term>logistic-ftrl</term><description>binary; alpha 0.05, beta 1, l1 0, l2 1, hashBuckets 1024 (<see cref="LogisticRegressionFtrl"/>)</description></item>
/// <item><term>linear-sgd</term><description>numeric; as logistic-sgd (<see cref="LinearRegressionSgd"/>)</description></item>
/// <item><term>hoeffding-tree</term><description>binary; gracePeriod 200, delta 1e-7, tieThreshold 0.05, splitPoints 10 (<see cref="HoeffdingTree"/>)</description></item>
/// <item><term>hoeffding-adaptive-tree</term><description>binary; the tree's, and adwinDelta 0.002, driftWindowThreshold 300, switchSignificance 0.05, bootstrap 1 (<see cref="HoeffdingAdaptiveTree"/>)</description></item>
/// <item><term>adaptive-random-forest</term><description>binary; trees 10, lambda 6, maxFeatures 0 (√M), warningDelta 0.01, driftDelta 0.001, gracePeriod 50, delta 0.01, tieThreshold 0.05, splitPoints 10 (<see cref="AdaptiveRandomForest"/>)</description></item>
/// <item><term>leveraging-bagging</term><description>binary; models 10, lambda 6, adwinDelta 0.002, and the tree's (<see cref="LeveragingBagging"/>)</description></item>
/// </list>
/// Every learner also takes a label history (<see cref="OnlineLearnerSpec.LabelHistory"/>, default 0) and a seed
/// (<see cref="OnlineLearnerSpec.Seed"/>, default 1; only the adaptive tree and the ensembles draw random numbers).
/// </remarks>
public static class LearnerCatalog
{
    public const string NoChange = "no-change";
    public const string Prior = "prior";
    public const string NaiveBayes = "naive-bayes";
    public const string LogisticSgd = "logistic-sgd";
    public const string LogisticFtrl = "logistic-ftrl";
    public const string LinearSgd = "linear-sgd";
    public const string HoeffdingTree = "hoeffding-tree";
    public const string HoeffdingAdaptiveTree = "hoeffding-adaptive-tree";
    public const string AdaptiveRandomForest = "adaptive-random-forest";
    public const string LeveragingBagging = "leveraging-bagging";

    private static readonly Entry[] Entries =
    [
        Of<NoOptions>(NoChange, true, true, _ => NoOptions.Value, o => o, (s, _, _) => new NoChange(s)),
        Of<NoOptions>(Prior, true, true, _ => NoOptions.Value, o => o, (s, _, _) => new Prior(s)),
        Of<NoOptions>(NaiveBayes, true, false, _ => NoOptions.Value, o => o, (s, _, _) => new GaussianNaiveBayes(s)),
        Of(LogisticSgd, true, false, SgdOptions.Read, o => o.Validated(), (s, o, _) => new LogisticRegressionSgd(s, o)),
        Of(LogisticFtrl, true, false, FtrlOptions.Read, o => o.Validated(), (s, o, _) => new LogisticRegressionFtrl(s, o)),
        Of(LinearSgd, false, true, SgdOptions.Read, o => o.Validated(), (s, o, _) => new LinearRegressionSgd(s, o)),
        Of(HoeffdingTree, true, false, p => HoeffdingTreeOptions.Read(p), o => o.Validated(), (s, o, _) => new HoeffdingTree(s, o)),
        Of(HoeffdingAdaptiveTree, true, false, HoeffdingAdaptiveTreeOptions.Read, o => o.Validated(), (s, o, seed) => new HoeffdingAdaptiveTree(s, o, seed)),
        Of(AdaptiveRandomForest, true, false, AdaptiveRandomForestOptions.Read, o => o.Validated(), (s, o, seed) => new AdaptiveRandomForest(s, o, seed)),
        Of(LeveragingBagging, true, false, LeveragingBaggingOptions.Read, o => o.Validated(), (s, o, seed) => new LeveragingBagging(s, o, seed)),
    ];

    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>True when the learner can learn labels of this kind.</summary>
    public static bool Supports(string learner, LabelKind label) =>
        Find(learner) is { } e && (label == LabelKind.Binary ? e.Binary : e.Numeric);

    /// <summary>A model ready to learn: the learner of the spec for the schema, with the spec's label history.</summary>
    /// <exception cref="ArgumentException">The spec names an unknown learner or hyper-parameter, a value out of range, or a label kind the learner cannot learn.</exception>
    public static OnlineModel Create(OnlineLearnerSpec spec, LearnerSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var options = Options(spec, out var entry);
        if (!(schema.Label == LabelKind.Binary ? entry.Binary : entry.Numeric))
            throw new ArgumentException($"learner: {entry.Name} cannot learn a {schema.Label.ToString().ToLowerInvariant()} label", nameof(spec));
        var history = new LabelHistoryInputs(schema, spec.LabelHistory);
        return new OnlineModel(spec, schema, history, entry.Create(history.Extended, options, spec.Seed));
    }

    /// <summary>Checks a spec without a schema; see <see cref="OnlineLearnerSpec.Validate"/>.</summary>
    internal static void Validate(OnlineLearnerSpec spec) => Options(spec, out _);

    private static object Options(OnlineLearnerSpec spec, out Entry entry)
    {
        ArgumentNullException.ThrowIfNull(spec);
        entry = Find(spec.Learner)
            ?? throw new ArgumentException($"learner: unknown learner '{spec.Learner}'; known: {string.Join(", ", Names)}", nameof(spec));
        if (spec.LabelHistory is < 0 or > OnlineLearnerSpec.MaxLabelHistory)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.LabelHistory, $"labelHistory must be between 0 and {OnlineLearnerSpec.MaxLabelHistory}.");
        var reader = new HyperParameterReader(entry.Name, spec.HyperParameters);
        var options = entry.Read(reader);
        reader.RejectUnknown();
        try
        {
            entry.Validate(options);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName is { } name)
        {
            var message = e.Message;
            var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            throw new ArgumentOutOfRangeException(nameof(spec), e.ActualValue, $"{HyperParameterReader.Prefix}{(cut > 0 ? message[..cut] : message)} ({entry.Name})");
        }
        return options;
    }

    private static Entry? Find(string? name) => Array.Find(Entries, e => string.Equals(e.Name, name, StringComparison.Ordinal));

    private static Entry Of<T>(
        string name, bool binary, bool numeric, Func<HyperParameterReader, T> read, Func<T, T> validate,
        Func<LearnerSchema, T, long, IOnlineLearner> create) where T : class =>
        new(name, binary, numeric, p => read(p), o => validate((T)o), (s, o, seed) => create(s, (T)o, seed));

    private sealed record Entry(
        string Name, bool Binary, bool Numeric, Func<HyperParameterReader, object> Read, Action<object> Validate,
        Func<LearnerSchema, object, long, IOnlineLearner> Create);

    private sealed class NoOptions
    {
        public static NoOptions Value { get; } = new();
    }
}
