using StreamMl.Core.Explanations;

namespace StreamMl.Tests.Explainability;

/// <summary>Shapley values by their definition, enumerating every subset of players: the independent reference for TreeSHAP.</summary>
internal static class BruteForceShapley
{
    /// <summary>φᵢ = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)), subsets as bit masks.</summary>
    public static double[] Values(int players, Func<int, double> game)
    {
        var values = new double[1 << players];
        for (var mask = 0; mask < values.Length; mask++) values[mask] = game(mask);
        var phi = new double[players];
        for (var i = 0; i < players; i++)
            for (var mask = 0; mask < values.Length; mask++)
            {
                if ((mask & (1 << i)) != 0) continue;
                var s = System.Numerics.BitOperations.PopCount((uint)mask);
                phi[i] += Factorial(s) * Factorial(players - s - 1) / Factorial(players) * (values[mask | (1 << i)] - values[mask]);
            }
        return phi;
    }

    /// <summary>
    /// The path-dependent game of a tree (Lundberg et al. 2018, Algorithm 1): follow the event's branch at a split on a
    /// known feature, average both branches by the training data's fractions at a split on an unknown one.
    /// </summary>
    public static double TreeGame(ShapTree tree, bool[] goesLeft, int known, int node = 0)
    {
        if (tree.IsLeaf(node)) return tree.Value[node];
        if ((known & (1 << tree.Feature[node])) != 0)
            return TreeGame(tree, goesLeft, known, goesLeft[node] ? tree.Left[node] : tree.Right[node]);
        var f = tree.LeftFraction[node];
        return f * TreeGame(tree, goesLeft, known, tree.Left[node]) + (1 - f) * TreeGame(tree, goesLeft, known, tree.Right[node]);
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (var i = 2; i <= n; i++) f *= i;
        return f;
    }
}
