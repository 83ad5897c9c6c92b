namespace StreamMl.Core.Explanations;

/// <summary>A binary decision tree as TreeSHAP reads it: which feature each split tests, where the training data went, the leaves' values.</summary>
/// <remarks>
/// Nodes are numbered 0..n−1 with the root at 0; node i is a leaf when <see cref="Left"/>[i] &lt; 0. At a split,
/// <see cref="LeftFraction"/>[i] is the share of the training data (the tree's "cover") that went left: TreeSHAP
/// needs only these ratios, so trees that count weights per split (Hoeffding trees) and trees whose covers are
/// counted per node (ML.NET's, see <see cref="TreeCovers"/>) both fit. <see cref="Feature"/>[i] is a player index of
/// <see cref="FeaturePlayers"/>, not an input slot: the one-hot slots of a category are one player, so a path that
/// tests two of them tests one feature twice, as TreeSHAP expects.
/// </remarks>
internal sealed class ShapTree
{
    public ShapTree(int[] feature, int[] left, int[] right, double[] leftFraction, double[] value)
    {
        var n = feature.Length;
        if (left.Length != n || right.Length != n || leftFraction.Length != n || value.Length != n || n == 0)
            throw new ArgumentException("a tree needs one entry per node in every array, and at least one node");
        (Feature, Left, Right, LeftFraction, Value) = (feature, left, right, leftFraction, value);
        (MaxDepth, ExpectedValue) = Walk(0, 0);
    }

    public int[] Feature { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] LeftFraction { get; }
    public double[] Value { get; }
    public int NodeCount => Feature.Length;
    public bool IsLeaf(int node) => Left[node] < 0;

    /// <summary>The most splits on any path from the root to a leaf.</summary>
    public int MaxDepth { get; }

    /// <summary>The mean leaf value over the training data: each leaf weighted by the product of the fractions on its path.</summary>
    public double ExpectedValue { get; }

    private (int Depth, double Expected) Walk(int node, int depth)
    {
        if (depth > Feature.Length) throw new ArgumentException("the tree has a cycle");
        if (IsLeaf(node)) return (0, Value[node]);
        var f = LeftFraction[node];
        if (!(f is >= 0 and <= 1)) throw new ArgumentException($"node {node}: left fraction {f} is not in [0, 1]");
        var (ld, le) = Walk(Left[node], depth + 1);
        var (rd, re) = Walk(Right[node], depth + 1);
        return (1 + Math.Max(ld, rd), f * le + (1 - f) * re);
    }
}
