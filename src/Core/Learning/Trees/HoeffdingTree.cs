using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Features;

namespace StreamMl.Core.Learning.Trees;

/// <summary>The Hoeffding Tree (VFDT) for a binary label, with Gaussian numeric splits and naive-Bayes-adaptive leaves.</summary>
/// <remarks>
/// <para>
/// An incremental decision tree that makes each split as soon as the Hoeffding bound says, with confidence
/// 1 − δ, that the best attribute at a leaf is better than the second: with n examples at the leaf and R the
/// range of the split criterion, the observed merits are within ε = √(R² ln(1/δ) / 2n) of their true values,
/// so a gap larger than ε picks the attribute a batch learner would pick. Splits are binary; the merit is
/// information gain (R = 1 bit for two classes); a numeric attribute is summarised per class by a Gaussian
/// that proposes evenly spaced thresholds (see <see cref="SplitSearch"/>, <see cref="TreeGrowth"/>). Leaves
/// predict by naive Bayes or by their majority class, whichever has been right more often at that leaf.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>HoeffdingTreeClassifier</c>, MOA's <c>HoeffdingTree</c>):
/// <c>gracePeriod</c> = 200, <c>delta</c> δ = 10⁻⁷, <c>tieThreshold</c> τ = 0.05, <c>splitPoints</c> = 10.
/// No depth or memory limit: the tree grows as long as the stream justifies splits. Missing values take the
/// heavier branch and add no evidence at a leaf; a category first seen at prediction time is "any other value".
/// </para>
/// <para>
/// Reference: P. Domingos, G. Hulten, "Mining high-speed data streams", KDD 2000, 71–80.
/// </para>
/// </remarks>
public sealed class HoeffdingTree : CodedLearner
{
    private readonly ClassificationTree _tree;

    public HoeffdingTree(LearnerSchema schema, HoeffdingTreeOptions? options = null) : base(InputCheck.Binary(schema, "hoeffding-tree"))
    {
        Options = (options ?? new HoeffdingTreeOptions()).Validated();
        _tree = new ClassificationTree(Options.Settings(), schema.NumericFeatures.Count, schema.CategoricalFeatures.Count);
    }

    public HoeffdingTreeOptions Options { get; }
    public override long MemoryBytes => 64 + _tree.MemoryBytes() + Codes.MemoryBytes();

    /// <summary>Leaves and split nodes of the tree.</summary>
    public (int Leaves, int Splits) Size => TreeState.Size(_tree.Root);

    internal TreeNode Root => _tree.Root;

    /// <summary>The names of the features the tree splits on, each once, in the order a depth-first walk meets them.</summary>
    public IReadOnlyList<string> SplitFeatures() => TreeFeatures.SplitOn(_tree.Root, Schema);

    protected override double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes)
    {
        return _tree.Predict(numeric, codes);
    }

    protected override void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight)
    {
        _tree.Learn(numeric, codes, label, weight);
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        _tree.Save(writer);
    }

    protected override void ReadModel(BinaryReader reader)
    {
        _tree.Load(reader);
    }
}

/// <summary>Settings of <see cref="HoeffdingTree"/>; the defaults are the published ones.</summary>
public sealed record HoeffdingTreeOptions
{
    /// <summary>Weight a leaf learns between split attempts. Default 200.</summary>
    public int GracePeriod { get; init; } = 200;

    /// <summary>δ, one minus the confidence of a split. Default 10⁻⁷.</summary>
    public double Delta { get; init; } = 1e-7;

    /// <summary>τ: a Hoeffding bound below this splits on the best attribute even if the second is as good. Default 0.05.</summary>
    public double TieThreshold { get; init; } = 0.05;

    /// <summary>Candidate thresholds per numeric attribute. Default 10.</summary>
    public int SplitPoints { get; init; } = 10;

    /// <summary>Reads the tree's hyper-parameters; <paramref name="defaults"/> replace the published defaults (an ensemble's own).</summary>
    internal static HoeffdingTreeOptions Read(HyperParameterReader p, HoeffdingTreeOptions? defaults = null)
    {
        var d = defaults ?? new HoeffdingTreeOptions();
        return new HoeffdingTreeOptions
        {
            GracePeriod = p.Integer("gracePeriod", d.GracePeriod),
            Delta = p.Real("delta", d.Delta),
            TieThreshold = p.Real("tieThreshold", d.TieThreshold),
            SplitPoints = p.Integer("splitPoints", d.SplitPoints),
        };
    }

    internal HoeffdingTreeOptions Validated()
    {
        Guard.AtLeast(GracePeriod, 1, "gracePeriod");
        Guard.Probability(Delta, "delta");
        Guard.NonNegative(TieThreshold, "tieThreshold");
        Guard.AtLeast(SplitPoints, 1, "splitPoints");
        return this;
    }

    internal TreeSettings Settings(int leafFeatures = 0) => new(GracePeriod, Delta, TieThreshold, SplitPoints, leafFeatures);
}
