namespace StreamMl.Core.Explanations;

/// <summary>Exact Shapley values of one tree's prediction in polynomial time: path-dependent TreeSHAP.</summary>
/// <remarks>
/// <para>
/// The game: for a set S of known features, v(S) is the tree's expected output when the event follows its own
/// branch at every split on a feature of S and, at a split on any other feature, goes both ways weighted by the
/// share of the training data that went each way. v(∅) is the tree's expected value over the training data and
/// v(all) its prediction for the event, so the Shapley values add up to prediction − expected value.
/// </para>
/// <para>
/// Enumerating S costs 2^M tree walks. TreeSHAP instead walks every root-to-leaf path once, keeping for the distinct
/// features on the path the total weight of the subsets of each size that reach the current node: each feature
/// has a "zero" fraction (the share of the data that goes this way: the feature is unknown) and a "one" fraction
/// (1 if the event goes this way, else 0: the feature is known). Extending the path by a feature updates the
/// weights by a polynomial recurrence; a feature met again is first "unwound" (its factor divided out) and then
/// extended with both fractions multiplied. At a leaf, each feature's contribution is the weight of the path
/// without it times (one − zero) times the leaf value. Time O(L·D²) for L leaves and depth D; memory O(D²).
/// </para>
/// <para>
/// Reference: S. M. Lundberg, G. G. Erion, S.-I. Lee, "Consistent individualized feature attribution for tree
/// ensembles", arXiv:1802.03888, 2018, Algorithm 2 (EXTEND, UNWIND, RECURSE). A subtree that no subset reaches
/// (both of its fractions 0, i.e. the event goes the other way and no training data went there) is skipped: it
/// adds nothing, and unwinding through it would divide by zero.
/// </para>
/// </remarks>
internal sealed class TreeShap
{
    private struct Step
    {
        public int Feature;
        public double Zero;
        public double One;
        public double Weight;
    }

    private Step[] _path = [];
    private ShapTree _tree = null!;
    private bool[] _goesLeft = [];
    private double _scale;

    /// <summary>Adds <paramref name="scale"/> × the tree's Shapley values for the event to <paramref name="phi"/>.</summary>
    /// <param name="goesLeft">For each node, whether the event takes the left branch there (read at splits only).</param>
    /// <remarks>Reuses its working memory from call to call: one instance per thread.</remarks>
    public void Add(ShapTree tree, bool[] goesLeft, double scale, Span<double> phi)
    {
        if (tree.IsLeaf(0)) return;
        var d = tree.MaxDepth + 2;
        var size = (d + 1) * (d + 2) / 2 + d + 1;
        if (_path.Length < size) _path = new Step[size];
        (_tree, _goesLeft, _scale) = (tree, goesLeft, scale);
        Recurse(0, 0, 0, 1, 1, -1, phi);
    }

    /// <summary>Visits a node whose parent's path (depth elements) starts at parentAt; this node's copy goes after it.</summary>
    private void Recurse(int node, int parentAt, int depth, double zero, double one, int feature, Span<double> phi)
    {
        var path = _path;
        var tree = _tree;
        var at = parentAt + depth + 1;
        Array.Copy(path, parentAt, path, at, depth);
        Extend(at, depth, zero, one, feature);
        if (tree.IsLeaf(node))
        {
            var value = tree.Value[node] * _scale;
            for (var i = 1; i <= depth; i++)
            {
                ref var step = ref path[at + i];
                phi[step.Feature] += UnwoundSum(at, depth, i) * (step.One - step.Zero) * value;
            }
            return;
        }
        var split = tree.Feature[node];
        var left = _goesLeft[node];
        var (hot, cold) = left ? (tree.Left[node], tree.Right[node]) : (tree.Right[node], tree.Left[node]);
        var hotZero = left ? tree.LeftFraction[node] : 1 - tree.LeftFraction[node];
        double incomingZero = 1, incomingOne = 1;
        var seen = Find(at, depth, split);
        if (seen > 0)
        {
            incomingZero = path[at + seen].Zero;
            incomingOne = path[at + seen].One;
            Unwind(at, depth, seen);
            depth--;
        }
        if (hotZero * incomingZero > 0 || incomingOne > 0)
            Recurse(hot, at, depth + 1, hotZero * incomingZero, incomingOne, split, phi);
        // The event never goes the cold way: its one-fraction is 0, and with no training data there it adds nothing.
        if ((1 - hotZero) * incomingZero > 0)
            Recurse(cold, at, depth + 1, (1 - hotZero) * incomingZero, 0, split, phi);
    }

    private int Find(int at, int depth, int feature)
    {
        for (var i = 1; i <= depth; i++)
            if (_path[at + i].Feature == feature) return i;
        return -1;
    }

    /// <summary>Appends a feature with its fractions and updates the subset-size weights of the path.</summary>
    private void Extend(int at, int depth, double zero, double one, int feature)
    {
        _path[at + depth] = new Step { Feature = feature, Zero = zero, One = one, Weight = depth == 0 ? 1 : 0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            _path[at + i + 1].Weight += one * _path[at + i].Weight * (i + 1) / (depth + 1);
            _path[at + i].Weight = zero * _path[at + i].Weight * (depth - i) / (depth + 1);
        }
    }

    /// <summary>Removes the feature at <paramref name="index"/> from the path, undoing its <see cref="Extend"/>.</summary>
    private void Unwind(int at, int depth, int index)
    {
        var (zero, one) = (_path[at + index].Zero, _path[at + index].One);
        var next = _path[at + depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            ref var step = ref _path[at + i];
            if (one != 0)
            {
                var kept = step.Weight;
                step.Weight = next * (depth + 1) / ((i + 1) * one);
                next = kept - step.Weight * zero * (depth - i) / (depth + 1);
            }
            else
            {
                step.Weight = step.Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (var i = index; i < depth; i++)
        {
            _path[at + i].Feature = _path[at + i + 1].Feature;
            _path[at + i].Zero = _path[at + i + 1].Zero;
            _path[at + i].One = _path[at + i + 1].One;
        }
    }

    /// <summary>The total weight the path would have without the feature at <paramref name="index"/>, leaving the path as it is.</summary>
    private double UnwoundSum(int at, int depth, int index)
    {
        var (zero, one) = (_path[at + index].Zero, _path[at + index].One);
        var next = _path[at + depth].Weight;
        double total = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var w = next * (depth + 1) / ((i + 1) * one);
                total += w;
                next = _path[at + i].Weight - w * zero * (depth - i) / (depth + 1);
            }
            else if (zero != 0)
            {
                total += _path[at + i].Weight / zero * (depth + 1) / (depth - i);
            }
        }
        return total;
    }
}
