using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Features;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Learning.Trees;

/// <summary>The Hoeffding Adaptive Tree (HAT-ADWIN) for a binary label: a Hoeffding tree that regrows the subtrees whose error rises.</summary>
/// <remarks>
/// <para>
/// Every node keeps an ADWIN over the 0/1 errors of the predictions made through it (the prediction of the
/// leaf the example reaches from that node, taken before the example is learnt). When a split node's ADWIN
/// detects a change and its error estimate went up, the node starts an alternate subtree, a new leaf that
/// learns every example reaching the node from then on. Once both have seen more than
/// <c>driftWindowThreshold</c> errors, the alternate replaces the node if its error is lower by more than
/// the bound √(2 ê (1 − ê) ln(2/α) (1/n₁ + 1/n₂)) (ê the node's error, n the two window lengths, α the
/// <c>switchSignificance</c>); it is dropped if it is higher by more than that bound. Alternates are
/// themselves adaptive trees. Leaves learn each example with weight w·k, k ~ Poisson(1) drawn from the seeded
/// source (k = 0 leaves the weight as it is, as MOA and River do); predictions come from the main tree only.
/// </para>
/// <para>
/// Parameters and defaults (River's <c>HoeffdingAdaptiveTreeClassifier</c>): the Hoeffding tree's
/// <c>gracePeriod</c> = 200, <c>delta</c> = 10⁻⁷, <c>tieThreshold</c> = 0.05, <c>splitPoints</c> = 10; and
/// <c>adwinDelta</c> = 0.002, <c>driftWindowThreshold</c> = 300, <c>switchSignificance</c> = 0.05,
/// <c>bootstrap</c> = 1. Missing values and unseen categories as in <see cref="HoeffdingTree"/>.
/// </para>
/// <para>
/// Reference: A. Bifet, R. Gavaldà, "Adaptive learning from evolving data streams", IDA 2009, LNCS 5772, 249–260.
/// </para>
/// </remarks>
public sealed class HoeffdingAdaptiveTree : CodedLearner
{
    private readonly TreeGrowth _growth;
    private readonly SeededRandom _random;
    private TreeNode _root;

    public HoeffdingAdaptiveTree(LearnerSchema schema, HoeffdingAdaptiveTreeOptions? options = null, long seed = 1) : base(InputCheck.Binary(schema, "hoeffding-adaptive-tree"))
    {
        Options = (options ?? new HoeffdingAdaptiveTreeOptions()).Validated();
        _growth = new TreeGrowth(Options.Tree.Settings(), schema.NumericFeatures.Count, schema.CategoricalFeatures.Count, random: null);
        _random = new SeededRandom(seed);
        _root = NewLeaf();
    }

    public HoeffdingAdaptiveTreeOptions Options { get; }
    public override long MemoryBytes => 96 + TreeState.MemoryBytes(_root) + Codes.MemoryBytes();

    /// <summary>Subtrees replaced by their alternates since construction.</summary>
    public long Switches { get; private set; }

    /// <summary>Leaves and split nodes of the main tree.</summary>
    public (int Leaves, int Splits) Size => TreeState.Size(_root);

    /// <summary>The main tree, which alone predicts.</summary>
    internal TreeNode Root => _root;

    protected override double PredictEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes)
    {
        return PredictFrom(_root, numeric, codes);
    }

    protected override void LearnEncoded(ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, int label, double weight)
    {
        var y = label;
        _root = LearnAt(_root, numeric, codes, y, weight, Wrong(_root, numeric, codes, y));
    }

    protected override void WriteModel(BinaryWriter writer)
    {
        writer.Write(Switches);
        _random.Save(writer);
        TreeState.Save(writer, _root);
    }

    protected override void ReadModel(BinaryReader reader)
    {
        Switches = reader.ReadInt64();
        _random.Load(reader);
        _root = TreeState.Load(reader, _growth, NewMonitor);
    }

    private static double PredictFrom(TreeNode node, ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        while (node is SplitNode split) node = split.Child(x, codes);
        return ((LeafNode)node).Predict(x, codes);
    }

    private static bool Wrong(TreeNode node, ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y) =>
        PredictFrom(node, x, codes) >= 0.5 != (y == 1);

    /// <summary>Learns at a node; returns what now stands in the node's place (itself, its split, or its alternate).</summary>
    /// <param name="wrong">Whether the leaf the example reaches from this node predicts it wrong: the same for the whole path.</param>
    private TreeNode LearnAt(TreeNode node, ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y, double w, bool wrong)
    {
        var errorRose = Monitor(node, wrong);
        if (node is LeafNode leaf) return LearnLeaf(leaf, x, codes, y, w);
        var split = (SplitNode)node;
        if (errorRose)
        {
            split.Alternate = NewLeaf();
        }
        else if (split.Alternate is { } alternate && ShouldSwitch(split, alternate) is { } replace)
        {
            if (replace)
            {
                Switches++;
                return LearnAt(alternate, x, codes, y, w, Wrong(alternate, x, codes, y));
            }
            split.Alternate = null;
        }
        if (split.Alternate is { } grown) split.Alternate = LearnAt(grown, x, codes, y, w, Wrong(grown, x, codes, y));
        var child = split.Route(x, codes, w, out var left);
        var learnt = LearnAt(child, x, codes, y, w, wrong);
        if (left) split.Left = learnt; else split.Right = learnt;
        return split;
    }

    private TreeNode LearnLeaf(LeafNode leaf, ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y, double w)
    {
        if (Options.Bootstrap && _random.Poisson(1) is var k and > 0) w *= k;
        leaf.Learn(x, codes, y, w);
        if (!_growth.Due(leaf) || _growth.TrySplit(leaf) is not { } split) return leaf;
        split.ErrorMonitor = NewMonitor();
        split.Left.ErrorMonitor = NewMonitor();
        split.Right.ErrorMonitor = NewMonitor();
        return split;
    }

    /// <summary>Feeds the node's error monitor; true when it detected a change and the error went up.</summary>
    private static bool Monitor(TreeNode node, bool wrong)
    {
        var monitor = node.ErrorMonitor!;
        var before = monitor.Estimation;
        monitor.Update(wrong ? 1 : 0);
        return monitor.DriftDetected && monitor.Estimation > before;
    }

    /// <summary>True to replace the node by its alternate, false to drop the alternate, null to wait.</summary>
    private bool? ShouldSwitch(SplitNode node, TreeNode alternate)
    {
        var mine = node.ErrorMonitor!;
        var theirs = alternate.ErrorMonitor!;
        if (mine.Width <= Options.DriftWindowThreshold || theirs.Width <= Options.DriftWindowThreshold) return null;
        double error = mine.Estimation, alternateError = theirs.Estimation;
        var bound = Math.Sqrt(2 * error * (1 - error) * Math.Log(2 / Options.SwitchSignificance) * (1.0 / theirs.Width + 1.0 / mine.Width));
        if (bound < error - alternateError) return true;
        if (bound < alternateError - error) return false;
        return null;
    }

    private LeafNode NewLeaf()
    {
        var leaf = _growth.NewLeaf();
        leaf.ErrorMonitor = NewMonitor();
        return leaf;
    }

    private Adwin NewMonitor() => new(Options.AdwinDelta);
}
