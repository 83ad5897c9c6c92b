using StreamMl.Core.Learning.Bayes;
using StreamMl.Core.Randomness;

namespace StreamMl.Core.Learning.Trees;

/// <summary>Makes a tree's leaves and decides, by the Hoeffding bound, when a leaf becomes a split.</summary>
/// <remarks>
/// <para>
/// A leaf attempts a split once it has learnt <see cref="TreeSettings.GracePeriod"/> more weight since its
/// last attempt and has seen both classes. With ΔG the information gain of its best split minus that of the
/// best split on any other attribute (or of not splitting, gain 0), and the Hoeffding bound
/// ε = √(R² ln(1/δ) / 2n) for n the leaf's weight and R = log₂ 2 = 1 the range of the gain, the leaf splits
/// when ΔG &gt; ε, or when ε &lt; τ and the best split gains anything (a tie between good attributes is broken).
/// The new leaves start with the class weights the split sends their way.
/// </para>
/// <para>
/// Each new leaf observes every attribute, or with <see cref="TreeSettings.LeafFeatures"/> = k a subset of k
/// drawn without replacement from the tree's random source (the random subspaces of Adaptive Random Forest).
/// Unlike MOA, a leaf whose best choice is not to split stays active: the stream may still change its mind.
/// </para>
/// </remarks>
internal sealed class TreeGrowth
{
    private readonly int[] _allNumeric;
    private readonly int[] _allCategorical;
    private readonly int[] _draw;

    public TreeGrowth(TreeSettings settings, int numeric, int categorical, SeededRandom? random)
    {
        Settings = settings;
        Numeric = numeric;
        Categorical = categorical;
        Random = random;
        _allNumeric = Enumerable.Range(0, numeric).ToArray();
        _allCategorical = Enumerable.Range(0, categorical).ToArray();
        _draw = new int[numeric + categorical];
        if (settings.LeafFeatures > 0 && random is null) throw new ArgumentException("random leaf features need a random source", nameof(random));
    }

    public TreeSettings Settings { get; }
    public int Numeric { get; }
    public int Categorical { get; }
    public SeededRandom? Random { get; }

    public LeafNode NewLeaf(double weight0 = 0, double weight1 = 0)
    {
        var (numeric, categorical) = LeafAttributes();
        return new LeafNode(new ClassStatistics(numeric, categorical) { Weight0 = weight0, Weight1 = weight1 });
    }

    /// <summary>True when the leaf has learnt a grace period's weight since its last attempt.</summary>
    public bool Due(LeafNode leaf) => leaf.Weight - leaf.WeightAtLastAttempt >= Settings.GracePeriod;

    /// <summary>Attempts a split; the split node that replaces the leaf, or null when the leaf stays.</summary>
    public SplitNode? TrySplit(LeafNode leaf)
    {
        leaf.WeightAtLastAttempt = leaf.Weight;
        var stats = leaf.Stats;
        if (!(stats.Weight0 > 0 && stats.Weight1 > 0)) return null;
        var (best, second) = SplitSearch.Evaluate(stats, Settings.SplitPoints);
        if (!(best.Merit > 0)) return null;
        var epsilon = Math.Sqrt(Math.Log(1 / Settings.Delta) / (2 * stats.TotalWeight));
        if (!(best.Merit - Math.Max(second, 0) > epsilon || epsilon < Settings.TieThreshold)) return null;
        return new SplitNode(best, NewLeaf(best.Left0, best.Left1), NewLeaf(best.Right0, best.Right1));
    }

    private (int[] Numeric, int[] Categorical) LeafAttributes()
    {
        var total = Numeric + Categorical;
        var k = Settings.LeafFeatures;
        if (k <= 0 || k >= total) return (_allNumeric, _allCategorical);
        // Partial Fisher–Yates over 0..total-1; numeric attributes first, then categorical ones.
        for (var i = 0; i < total; i++) _draw[i] = i;
        for (var i = 0; i < k; i++)
        {
            var j = i + Random!.NextInt(total - i);
            (_draw[i], _draw[j]) = (_draw[j], _draw[i]);
        }
        var chosen = _draw.AsSpan(0, k);
        chosen.Sort();
        var numericCount = 0;
        while (numericCount < k && chosen[numericCount] < Numeric) numericCount++;
        var numeric = chosen[..numericCount].ToArray();
        var categorical = chosen[numericCount..].ToArray();
        for (var i = 0; i < categorical.Length; i++) categorical[i] -= Numeric;
        return (numeric, categorical);
    }
}
