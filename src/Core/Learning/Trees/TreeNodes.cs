using StreamMl.Core.Drift.Detectors;
using StreamMl.Core.Learning.Bayes;

namespace StreamMl.Core.Learning.Trees;

/// <summary>A node of a Hoeffding tree for a binary label.</summary>
internal abstract class TreeNode
{
    /// <summary>Hoeffding Adaptive Tree only: ADWIN over the 0/1 errors of the predictions made through this node.</summary>
    public Adwin? ErrorMonitor { get; set; }
}

/// <summary>A leaf: its class statistics, and what its naive-Bayes-adaptive prediction needs.</summary>
/// <remarks>
/// Naive Bayes adaptive (G. Holmes, R. Kirkby, B. Pfahringer, "Stress-testing Hoeffding trees", PKDD 2005;
/// MOA's NBAdaptive, River's "nba"): before learning each
/// example the leaf checks whether its majority class and its naive Bayes would have predicted it right,
/// and predicts with whichever has the larger weight of right answers; naive Bayes on a tie.
/// </remarks>
internal sealed class LeafNode(ClassStatistics stats) : TreeNode
{
    public ClassStatistics Stats { get; } = stats;
    public double MajorityCorrect { get; set; }
    public double BayesCorrect { get; set; }
    public double WeightAtLastAttempt { get; set; } = stats.TotalWeight;
    public double Weight => Stats.TotalWeight;

    public double Predict(ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        if (!(Stats.TotalWeight > 0)) return 0.5;
        return MajorityCorrect > BayesCorrect ? Stats.Majority : Stats.NaiveBayes(x, codes);
    }

    public void Learn(ReadOnlySpan<double> x, ReadOnlySpan<int> codes, int y, double w)
    {
        if (Stats.TotalWeight > 0)
        {
            if (Stats.Majority >= 0.5 == (y == 1)) MajorityCorrect += w;
            if (Stats.NaiveBayes(x, codes) >= 0.5 == (y == 1)) BayesCorrect += w;
        }
        Stats.Update(x, codes, y, w);
    }

    public long MemoryBytes() => 64 + Stats.MemoryBytes() + (ErrorMonitor is null ? 0 : AdwinBytes);

    /// <summary>ADWIN's bucket arrays: two of 64 rows × (M + 1) doubles, M = 5.</summary>
    public const long AdwinBytes = 2 * 64 * 6 * 8 + 400;
}

/// <summary>A binary test on one attribute, the two subtrees, and how much weight went each way.</summary>
/// <remarks>
/// An example whose attribute is missing goes to the side that has received more weight (River's "most
/// common path"); an unseen category fails a categorical test and goes right, with the other values.
/// </remarks>
internal sealed class SplitNode(SplitCandidate split, TreeNode left, TreeNode right) : TreeNode
{
    public int Attribute { get; } = split.Attribute;
    public bool Categorical { get; } = split.Categorical;
    public double Threshold { get; } = split.Threshold;
    public int Category { get; } = split.Category;
    public TreeNode Left { get; set; } = left;
    public TreeNode Right { get; set; } = right;
    public double LeftWeight { get; set; } = split.Left0 + split.Left1;
    public double RightWeight { get; set; } = split.Right0 + split.Right1;

    /// <summary>Hoeffding Adaptive Tree only: the subtree grown in place of this one since a drift was detected here.</summary>
    public TreeNode? Alternate { get; set; }

    public bool GoesLeft(ReadOnlySpan<double> x, ReadOnlySpan<int> codes)
    {
        if (Categorical)
        {
            var code = codes[Attribute];
            if (code == Features.CategoryCodes.Missing) return LeftWeight >= RightWeight;
            return code == Category;
        }
        var v = x[Attribute];
        if (double.IsNaN(v)) return LeftWeight >= RightWeight;
        return v <= Threshold;
    }

    public TreeNode Child(ReadOnlySpan<double> x, ReadOnlySpan<int> codes) => GoesLeft(x, codes) ? Left : Right;

    /// <summary>The child an example learns in, counting its weight on that side.</summary>
    public TreeNode Route(ReadOnlySpan<double> x, ReadOnlySpan<int> codes, double w, out bool left)
    {
        left = GoesLeft(x, codes);
        if (left) LeftWeight += w; else RightWeight += w;
        return left ? Left : Right;
    }
}
