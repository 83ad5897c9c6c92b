using StreamMl.Core.Learning.Trees;

namespace StreamMl.Core.Explanations;

/// <summary>TreeSHAP for the online Hoeffding trees and the ensembles of them, in probability units.</summary>
/// <remarks>
/// <para>
/// A tree's answer is its reached leaf's answer, f(x) = v_leaf(x). A leaf answers either its class share c (the
/// positive share of the weight it learnt) or, when naive Bayes has been right more often there, σ(ln(w₁/w₀) + Σλ),
/// which is c when no evidence is counted. So f(x) = c_leaf(x) + r(x), r the evidence's effect at the reached leaf
/// (0 for a majority leaf). The contributions are the Shapley values of the sum of two games, and so add up:
/// path-dependent TreeSHAP of the tree with constant leaves c (<see cref="TreeShap"/>; a split's branches weighted by
/// the weight it sent each way while learning) and the Shapley values of the reached leaf's evidence
/// (<see cref="EvidenceShapley"/>). The first says how the event's values routed it; the second what its values
/// argued at the leaf it reached. The base value is Σ_leaves (path weight) · c, the tree's mean class share.
/// </para>
/// <para>
/// A missing value follows the heavier branch at a split, as when predicting; it is the event's own branch. The
/// adaptive tree's alternate subtrees do not answer and are not explained. An ensemble's contributions and base
/// value are those of its trees averaged with the weights it votes with (equal for Leveraging Bagging, each tree's
/// accuracy for Adaptive Random Forest); the output is the probability the ensemble answers.
/// </para>
/// </remarks>
internal static class OnlineTrees
{
    /// <summary>Adds each tree's share of the contributions to phi; returns the base value and whether every leaf's evidence was split exactly.</summary>
    public static (double BaseValue, bool Exact) Attribute(
        IReadOnlyList<(TreeNode Root, double Share)> trees, ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int numericPlayers, Span<double> phi)
    {
        double baseValue = 0;
        var exact = true;
        var shap = new TreeShap();
        foreach (var (root, share) in trees)
        {
            var (tree, nodes) = Flatten(root, numericPlayers);
            baseValue += share * tree.ExpectedValue;
            var goesLeft = new bool[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
                if (nodes[i] is SplitNode split) goesLeft[i] = split.GoesLeft(x, codes);
            shap.Add(tree, goesLeft, share, phi);
            var leaf = Reached(root, x, codes);
            if (leaf.Stats.TotalWeight > 0 && !(leaf.MajorityCorrect > leaf.BayesCorrect))
            {
                var evidence = new LeafEvidence(leaf.Stats, x, codes, numericPlayers);
                if (evidence.Informative)
                    exact &= EvidenceShapley.Add(evidence.PriorLogOdds, evidence.Ratios, evidence.Players, share, phi);
            }
        }
        return (baseValue, exact);
    }

    private static LeafNode Reached(TreeNode node, ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        while (node is SplitNode split) node = split.Child(x, codes);
        return (LeafNode)node;
    }

    /// <summary>The tree as a <see cref="ShapTree"/> (leaf values the class shares), with its nodes in the same order (depth first, left before right).</summary>
    private static (ShapTree Tree, List<TreeNode> Nodes) Flatten(TreeNode root, int numericPlayers)
    {
        var flat = new Flat(numericPlayers);
        flat.Number(root);
        return (new ShapTree([.. flat.Feature], [.. flat.Left], [.. flat.Right], [.. flat.Fraction], [.. flat.Value]), flat.Nodes);
    }

    private sealed class Flat(int numericPlayers)
    {
        public readonly List<TreeNode> Nodes = [];
        public readonly List<int> Feature = [], Left = [], Right = [];
        public readonly List<double> Fraction = [], Value = [];

        /// <summary>Numbers the subtree in preorder and returns its root's number.</summary>
        public int Number(TreeNode node)
        {
            var i = Nodes.Count;
            Nodes.Add(node);
            Feature.Add(0);
            Left.Add(-1);
            Right.Add(-1);
            Fraction.Add(0);
            Value.Add(0);
            if (node is not SplitNode split)
            {
                Value[i] = ((LeafNode)node).Stats.Majority;
                return i;
            }
            Feature[i] = split.Categorical ? numericPlayers + split.Attribute : split.Attribute;
            var total = split.LeftWeight + split.RightWeight;
            Fraction[i] = total > 0 ? split.LeftWeight / total : 0.5;
            Left[i] = Number(split.Left);
            Right[i] = Number(split.Right);
            return i;
        }
    }
}
