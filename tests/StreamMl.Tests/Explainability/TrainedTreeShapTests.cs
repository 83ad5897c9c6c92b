using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Ensembles;
using StreamMl.Core.Learning.Features;
using StreamMl.Core.Learning.Trees;
using StreamMl.Core.Modeling;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>
/// The explanations of trained tree models equal Shapley values computed by enumerating every subset of the five
/// features, with each game built here from the model's own parts: ML.NET's trees read through its public API with
/// covers counted here, and the Hoeffding trees' splits with their leaves' naive Bayes asked with unknown features missing.
/// </summary>
public sealed class TrainedTreeShapTests
{
    private static readonly string[] Players = [.. ExplanationData.Numeric, .. ExplanationData.Categorical];

    [Theory]
    [InlineData("FastTree")]
    [InlineData("LightGbm")]
    public void An_MLNET_ensemble_explanation_equals_brute_force_Shapley_values(string trainer)
    {
        var spec = ExplanationData.Spec(trainer, hyperParameters: new() { ["numberOfLeaves"] = 6, ["numberOfTrees"] = 8 });
        var training = ExplanationData.Events(1, 1500);
        var model = ModelTrainer.Train(spec, training);
        var predictor = (ISingleFeaturePredictionTransformer<object>)((TransformerChain<ITransformer>)model.Transformer).LastTransformer;
        var ensemble = ((TreeEnsembleModelParametersBasedOnRegressionTree)((CalibratedModelParametersBase)predictor.Model).SubModel).TrainedTreeEnsemble;
        var trainingFeatures = Featurise(model, training);
        var slotPlayer = SlotPlayers(model);
        var trees = ensemble.Trees.Select(t => Independent(t, trainingFeatures, slotPlayer)).ToArray();

        foreach (var e in ExplanationData.Events(2, 40))
        {
            var x = Featurise(model, [e])[0];
            var goesLeft = trees.Select(t => t.GoesLeft(x)).ToArray();
            double Game(int known)
            {
                double v = ensemble.Bias;
                for (var t = 0; t < trees.Length; t++) v += ensemble.TreeWeights[t] * BruteForceShapley.TreeGame(trees[t].Shap, goesLeft[t], known);
                return v;
            }
            var expected = BruteForceShapley.Values(Players.Length, Game);

            var explanation = ServingExplanations.Explain(model, e, "v1");

            Assert.Equal(Game(0), explanation.BaseValue, 1e-9);
            for (var i = 0; i < Players.Length; i++)
                Assert.Equal(expected[i], explanation.Contributions.Single(c => c.Feature == Players[i]).Contribution, 1e-9);
        }
    }

    [Theory]
    [InlineData("hoeffding-tree:gracePeriod=100")]
    [InlineData("hoeffding-adaptive-tree:gracePeriod=100")]
    [InlineData("adaptive-random-forest:trees=3:maxFeatures=3")]
    [InlineData("leveraging-bagging:models=3:gracePeriod=100")]
    public void A_Hoeffding_tree_explanation_equals_brute_force_Shapley_values(string learner)
    {
        var model = LearnerCatalog.Create(OnlineLearnerSpec.Parse(learner), ExplanationData.Schema());
        foreach (var e in ExplanationData.Events(6, 4000)) model.Learn(LearnerInput.Of(e), e.Label!.Value);
        var (trees, codes) = TreesOf(model.Learner);
        Assert.Contains(trees, t => t.Root is SplitNode);
        var evidenceLeaves = 0;

        foreach (var e in ExplanationData.Events(7, 40))
        {
            var code = new int[2];
            codes.Encode(e.Categorical, code, learn: false);
            double Game(int known)
            {
                double v = 0;
                foreach (var (root, share) in trees) v += share * (TreeGame(root, e, code, known, out var leaf) + LeafGame(leaf, e, code, known));
                return v;
            }
            foreach (var (root, _) in trees)
            {
                TreeGame(root, e, code, 31, out var reached);
                if (!(reached.MajorityCorrect > reached.BayesCorrect) && reached.Stats.Weight0 > 0 && reached.Stats.Weight1 > 0) evidenceLeaves++;
            }
            var expected = BruteForceShapley.Values(Players.Length, Game);

            var explanation = OnlineExplainer.Explain(model, e, "v1");

            Assert.Equal(model.Predict(LearnerInput.Of(e)), Game(31), 1e-12);
            Assert.Equal(Game(0), explanation.BaseValue, 1e-12);
            for (var i = 0; i < Players.Length; i++)
                Assert.Equal(expected[i], explanation.Contributions.Single(c => c.Feature == Players[i]).Contribution, 1e-12);
        }
        Assert.True(evidenceLeaves > 0, "no explained event reached a leaf that predicts by naive Bayes");
    }

    /// <summary>The tree's game with leaves at their class share; the leaf the event reaches.</summary>
    private static double TreeGame(TreeNode node, ValidEvent e, int[] codes, int known, out LeafNode reached)
    {
        reached = null!;
        if (node is LeafNode leaf)
        {
            reached = leaf;
            return leaf.Stats.Majority;
        }
        var split = (SplitNode)node;
        var player = split.Categorical ? 3 + split.Attribute : split.Attribute;
        var own = split.Child(e.Numeric, codes);
        if ((known & (1 << player)) != 0) return TreeGame(own, e, codes, known, out reached);
        var f = split.LeftWeight / (split.LeftWeight + split.RightWeight);
        var left = TreeGame(split.Left, e, codes, known, out var l);
        var right = TreeGame(split.Right, e, codes, known, out var r);
        reached = ReferenceEquals(own, split.Left) ? l : r;
        return f * left + (1 - f) * right;
    }

    /// <summary>The reached leaf's answer with the unknown features missing, less its class share; 0 for a leaf that answers its class share.</summary>
    private static double LeafGame(LeafNode leaf, ValidEvent e, int[] codes, int known)
    {
        if (!(leaf.Stats.TotalWeight > 0) || leaf.MajorityCorrect > leaf.BayesCorrect) return 0;
        var x = e.Numeric.Select((v, j) => (known & (1 << j)) != 0 ? v : double.NaN).ToArray();
        var c = codes.Select((v, j) => (known & (1 << (3 + j))) != 0 ? v : CategoryCodes.Missing).ToArray();
        return leaf.Stats.NaiveBayes(x, c) - leaf.Stats.Majority;
    }

    private static ((TreeNode Root, double Share)[] Trees, CategoryCodes Codes) TreesOf(IOnlineLearner learner) => learner switch
    {
        HoeffdingTree t => ([(t.Root, 1.0)], t.Codes),
        HoeffdingAdaptiveTree t => ([(t.Root, 1.0)], t.Codes),
        AdaptiveRandomForest f => (f.Votes().Select(v => (v.Tree.Root, v.Share)).ToArray(), f.Codes),
        LeveragingBagging b => (b.Trees.Select(t => (t.Root, 1.0 / b.Trees.Count)).ToArray(), b.Codes),
        _ => throw new ArgumentException(learner.GetType().Name),
    };

    private sealed record IndependentTree(ShapTree Shap, int[] Slot, float[] Threshold)
    {
        public bool[] GoesLeft(float[] x)
        {
            var goesLeft = new bool[Shap.NodeCount];
            for (var i = 0; i < Slot.Length; i++) goesLeft[i] = x[Slot[i]] <= Threshold[i];
            return goesLeft;
        }
    }

    /// <summary>The tree with its covers counted from the training rows and its splits' slots mapped to features by slot name.</summary>
    private static IndependentTree Independent(RegressionTree tree, float[][] training, int[] slotPlayer)
    {
        int splits = tree.NumberOfNodes, n = splits + tree.NumberOfLeaves;
        int Node(int child) => child < 0 ? splits + ~child : child;
        var visits = new int[n];
        foreach (var x in training)
        {
            var node = 0;
            while (node < splits)
            {
                visits[node]++;
                node = Node(x[tree.NumericalSplitFeatureIndexes[node]] <= tree.NumericalSplitThresholds[node] ? tree.LeftChild[node] : tree.RightChild[node]);
            }
            visits[node]++;
        }
        var feature = new int[n];
        var left = Enumerable.Repeat(-1, n).ToArray();
        var right = Enumerable.Repeat(-1, n).ToArray();
        var fraction = new double[n];
        var value = new double[n];
        for (var i = 0; i < splits; i++)
        {
            feature[i] = slotPlayer[tree.NumericalSplitFeatureIndexes[i]];
            (left[i], right[i]) = (Node(tree.LeftChild[i]), Node(tree.RightChild[i]));
            fraction[i] = visits[left[i]] / (double)visits[i];
        }
        for (var k = 0; k < tree.NumberOfLeaves; k++) value[splits + k] = tree.LeafValues[k];
        return new IndependentTree(new ShapTree(feature, left, right, fraction, value),
            tree.NumericalSplitFeatureIndexes.ToArray(), tree.NumericalSplitThresholds.ToArray());
    }

    private static float[][] Featurise(TrainedModel model, IReadOnlyList<ValidEvent> events)
    {
        var context = new MLContext(1);
        var view = model.Transformer.Transform(model.Schema.Load(context, events));
        return context.Data.CreateEnumerable<FeaturesRow>(view, reuseRowObject: false).Select(r => r.Features).ToArray();
    }

    /// <summary>Each slot's feature, read from its name: "NumericReady.x2" or "CategoricalOneHot.colour.c1".</summary>
    private static int[] SlotPlayers(TrainedModel model)
    {
        var column = model.Transformer.GetOutputSchema(model.InputSchema)["Features"];
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => Array.IndexOf(Players, n.ToString().Split('.')[1])).ToArray();
    }

    private sealed class FeaturesRow
    {
        [VectorType]
        public float[] Features { get; set; } = [];
    }
}
