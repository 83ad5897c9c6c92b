using StreamMl.Core.Explanations;
using Xunit;

namespace StreamMl.Tests.Explainability;

/// <summary>TreeSHAP's values are the exact Shapley values of the path-dependent game, computed here by enumerating subsets.</summary>
public sealed class TreeShapTests
{
    [Fact]
    public void TreeShap_equals_brute_force_Shapley_values_on_random_small_trees()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 300; trial++)
        {
            const int players = 5;
            var tree = RandomTree(random, players, maxDepth: 1 + trial % 5);
            var goesLeft = Enumerable.Range(0, tree.NodeCount).Select(_ => random.NextDouble() < 0.5).ToArray();
            var phi = new double[players];

            new TreeShap().Add(tree, goesLeft, 1, phi);

            var expected = BruteForceShapley.Values(players, known => BruteForceShapley.TreeGame(tree, goesLeft, known));
            for (var i = 0; i < players; i++) Assert.Equal(expected[i], phi[i], 1e-12);
            Assert.Equal(BruteForceShapley.TreeGame(tree, goesLeft, 0), tree.ExpectedValue, 1e-12);
        }
    }

    [Fact]
    public void A_branch_no_training_data_took_still_gives_exact_values()
    {
        // Root splits on feature 0 with every training example going left; the right subtree splits on 0 again.
        var tree = new ShapTree(
            feature: [0, 1, 0, 0, 0, 0, 0],
            left: [1, 3, 5, -1, -1, -1, -1],
            right: [2, 4, 6, -1, -1, -1, -1],
            leftFraction: [1, 0.25, 0.5, 0, 0, 0, 0],
            value: [0, 0, 0, 1, 2, 3, 4]);
        foreach (var goesLeft in new[] { new[] { true, true, true, false, false, false, false }, new[] { false, true, false, false, false, false, false } })
        {
            var phi = new double[2];
            new TreeShap().Add(tree, goesLeft, 1, phi);
            var expected = BruteForceShapley.Values(2, known => BruteForceShapley.TreeGame(tree, goesLeft, known));
            Assert.Equal(expected[0], phi[0], 1e-12);
            Assert.Equal(expected[1], phi[1], 1e-12);
        }
    }

    /// <summary>A random binary tree over a few features, so that paths test some features twice.</summary>
    private static ShapTree RandomTree(Random random, int players, int maxDepth)
    {
        var feature = new List<int>();
        var left = new List<int>();
        var right = new List<int>();
        var fraction = new List<double>();
        var value = new List<double>();
        int Grow(int depth)
        {
            var node = feature.Count;
            feature.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add(Math.Round(random.NextDouble() * 10 - 5, 3));
            // Fractions of exactly 0 and 1 happen in real trees (a branch no example took) and stress the unwinding.
            var f = random.NextDouble();
            fraction.Add(f < 0.05 ? 0 : f > 0.95 ? 1 : f);
            if (depth < maxDepth && (depth == 0 || random.NextDouble() < 0.75))
            {
                feature[node] = random.Next(players);
                left[node] = Grow(depth + 1);
                right[node] = Grow(depth + 1);
            }
            return node;
        }
        Grow(0);
        return new ShapTree([.. feature], [.. left], [.. right], [.. fraction], [.. value]);
    }
}
