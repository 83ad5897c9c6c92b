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
public sealed class HoeffdingTree : IOnlineLearner
{
    private readonly CategoryCodes _codes;
    private readonly ClassificationTree _tree;

    public HoeffdingTree(LearnerSchema schema, HoeffdingTreeOptions? options = null)
    {
        Schema = InputCheck.Binary(schema, "hoeffding-tree");
        Options = (options ?? new HoeffdingTreeOptions()).Validated();
        _codes = new CategoryCodes(schema.CategoricalFeatures.Count);
        _tree = new ClassificationTree(Options.Settings(), schema.NumericFeatures.Count, schema.CategoricalFeatures.Count);
    }

    public LearnerSchema Schema { get; }
    public HoeffdingTreeOptions Options { get; }
    public long Updates { get; private set; }
    public long MemoryBytes => 64 + _tree.MemoryBytes() + _codes.MemoryBytes();

    /// <summary>Leaves and split nodes of the tree.</summary>
    public (int Leaves, int Splits) Size => TreeState.Size(_tree.Root);

    internal TreeNode Root => _tree.Root;
    internal CategoryCodes Codes => _codes;

    /// <summary>The names of the features the tree splits on, each once, in the order a depth-first walk meets them.</summary>
    public IReadOnlyList<string> SplitFeatures() => TreeFeatures.SplitOn(_tree.Root, Schema);

    public double Predict(in LearnerInput input)
    {
        InputCheck.Features(Schema, input);
        var n = input.Categorical.Length;
        Span<int> codes = n <= 128 ? stackalloc int[n] : new int[n];
        _codes.Encode(input.Categorical, codes, learn: false);
        return _tree.Predict(input.Numeric, codes);
    }

    public void Learn(in LearnerInput input, double label, double weight = 1)
    {
        InputCheck.Example(Schema, input, label, weight);
        if (weight == 0) return;
        var n = input.Categorical.Length;
        Span<int> codes = n <= 128 ? stackalloc int[n] : new int[n];
        _codes.Encode(input.Categorical, codes, learn: true);
        _tree.Learn(input.Numeric, codes, (int)label, weight);
        Updates++;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Updates);
        _codes.Save(writer);
        _tree.Save(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        Updates = reader.ReadInt64();
        _codes.Load(reader);
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
