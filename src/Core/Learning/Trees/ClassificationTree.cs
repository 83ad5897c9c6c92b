using StreamMl.Core.Randomness;

namespace StreamMl.Core.Learning.Trees;

/// <summary>A Hoeffding tree over encoded inputs: the engine of the Hoeffding Tree learner and of the ensembles' members.</summary>
/// <remarks>See <see cref="HoeffdingTree"/> for the algorithm and <see cref="TreeGrowth"/> for how it splits.</remarks>
internal sealed class ClassificationTree
{
    private readonly TreeGrowth _growth;
    private TreeNode _root;

    public ClassificationTree(TreeSettings settings, int numeric, int categorical, SeededRandom? random = null)
    {
        _growth = new TreeGrowth(settings, numeric, categorical, random);
        _root = _growth.NewLeaf();
    }

    /// <summary>Weight learnt since the tree was made.</summary>
    public double Weight { get; private set; }

    internal TreeNode Root => _root;

    public double Predict(ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        var node = _root;
        while (node is SplitNode split) node = split.Child(x, codes);
        return ((LeafNode)node).Predict(x, codes);
    }

    public void Learn(ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y, double w)
    {
        Weight += w;
        SplitNode? parent = null;
        var left = false;
        var node = _root;
        while (node is SplitNode split)
        {
            parent = split;
            node = split.Route(x, codes, w, out left);
        }
        var leaf = (LeafNode)node;
        leaf.Learn(x, codes, y, w);
        if (!_growth.Due(leaf) || _growth.TrySplit(leaf) is not { } grown) return;
        if (parent is null) _root = grown;
        else if (left) parent.Left = grown;
        else parent.Right = grown;
    }

    public long MemoryBytes() => 64 + TreeState.MemoryBytes(_root);

    public void Save(BinaryWriter writer)
    {
        writer.Write(Weight);
        writer.Write(_growth.Random is not null);
        _growth.Random?.Save(writer);
        TreeState.Save(writer, _root);
    }

    public void Load(BinaryReader reader)
    {
        Weight = StateFormat.Weight(reader.ReadDouble(), "tree weight");
        if (reader.ReadBoolean() != (_growth.Random is not null)) throw new InvalidDataException("tree: random source present in one state only");
        _growth.Random?.Load(reader);
        _root = TreeState.Load(reader, _growth, newMonitor: null);
    }
}
