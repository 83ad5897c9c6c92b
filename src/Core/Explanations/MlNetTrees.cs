using Microsoft.ML.Trainers.FastTree;

namespace StreamMl.Core.Explanations;

/// <summary>An ML.NET tree ensemble (FastTree, LightGBM) ready for TreeSHAP: score = bias + Σₜ wₜ·treeₜ(features).</summary>
/// <remarks>
/// ML.NET's own <c>FeatureContributionCalculator</c> does not serve here: for trees it credits each split's feature
/// with the leaf value minus the value of the leaf the event would reach if that one decision went the other way
/// ("ghost" leaves). Those contributions do not add up to the score and have no base value. This class reads the
/// trees themselves (splits, thresholds, leaf values, tree weights and the ensemble's bias, which together give
/// ML.NET's score exactly) and runs path-dependent TreeSHAP on each with the covers counted at training.
/// </remarks>
internal sealed class MlNetTrees
{
    private readonly Tree[] _trees;
    private readonly int _maxNodes;

    private MlNetTrees(Tree[] trees, double bias)
    {
        _trees = trees;
        _maxNodes = trees.Length == 0 ? 0 : trees.Max(t => t.Shap.NodeCount);
        ExpectedValue = bias;
        foreach (var tree in trees) ExpectedValue += tree.Weight * tree.Shap.ExpectedValue;
    }

    /// <summary>The ensemble's expected score over its training data: the base value of its explanations.</summary>
    public double ExpectedValue { get; }

    /// <exception cref="ExplanationException">The model has no covers, or covers of other trees, or categorical splits.</exception>
    public static MlNetTrees Of(RegressionTreeEnsemble ensemble, TreeCovers? covers, int[] slotPlayers)
    {
        if (covers is null)
            throw new ExplanationException("the model's artifact has no tree covers (it was saved before StreamMl could explain trees); retrain it to explain it");
        if (MlNetPredictor.HasCategoricalSplits(ensemble))
            throw new ExplanationException("the model's trees have categorical splits, which TreeSHAP here does not read");
        if (covers.Counts.Length != ensemble.Trees.Count)
            throw new ExplanationException($"the artifact's tree covers are for {covers.Counts.Length} trees; the model has {ensemble.Trees.Count}");
        var trees = new Tree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++) trees[t] = Convert(ensemble.Trees[t], ensemble.TreeWeights[t], covers.Counts[t], slotPlayers, t);
        return new MlNetTrees(trees, ensemble.Bias);
    }

    /// <summary>Adds every tree's weighted TreeSHAP values for the event's feature vector to phi.</summary>
    public void Add(float[] features, Span<double> phi)
    {
        var shap = new TreeShap();
        var goesLeft = new bool[_maxNodes];
        foreach (var tree in _trees)
        {
            for (var i = 0; i < tree.Slot.Length; i++) goesLeft[i] = features[tree.Slot[i]] <= tree.Threshold[i];
            shap.Add(tree.Shap, goesLeft, tree.Weight, phi);
        }
    }

    /// <summary>ML.NET numbers splits 0..n−2 and leaves ~0..~(n−1); here leaf k becomes node n−1+k.</summary>
    private static Tree Convert(RegressionTree tree, double weight, int[] counts, int[] slotPlayers, int index)
    {
        var splits = tree.NumberOfNodes;
        var leaves = tree.NumberOfLeaves;
        if (counts.Length != splits + leaves)
            throw new ExplanationException($"the artifact's covers of tree {index} have {counts.Length} nodes; the tree has {splits + leaves}");
        var n = splits + leaves;
        var feature = new int[n];
        var left = new int[n];
        var right = new int[n];
        var fraction = new double[n];
        var value = new double[n];
        var slot = new int[splits];
        var threshold = new float[splits];
        int Node(int child) => child < 0 ? splits + ~child : child;
        for (var i = 0; i < splits; i++)
        {
            slot[i] = tree.NumericalSplitFeatureIndexes[i];
            threshold[i] = tree.NumericalSplitThresholds[i];
            feature[i] = slotPlayers[slot[i]];
            left[i] = Node(tree.LeftChild[i]);
            right[i] = Node(tree.RightChild[i]);
            var through = counts[left[i]] + (double)counts[right[i]];
            // No training example reached this split (it cannot happen for the data the tree grew on): split evenly.
            fraction[i] = through > 0 ? counts[left[i]] / through : 0.5;
        }
        for (var k = 0; k < leaves; k++)
        {
            left[splits + k] = right[splits + k] = -1;
            value[splits + k] = tree.LeafValues[k];
        }
        return new Tree(new ShapTree(feature, left, right, fraction, value), slot, threshold, weight);
    }

    private sealed record Tree(ShapTree Shap, int[] Slot, float[] Threshold, double Weight);
}
