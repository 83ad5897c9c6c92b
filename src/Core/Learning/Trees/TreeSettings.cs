namespace StreamMl.Core.Learning.Trees;

/// <summary>How a Hoeffding tree grows: the settings its learners share.</summary>
/// <param name="GracePeriod">Weight a leaf learns between split attempts.</param>
/// <param name="Delta">δ: a split is made when the best attribute beats the second with probability 1 − δ.</param>
/// <param name="TieThreshold">τ: below this Hoeffding bound the best split is taken even if the second is as good.</param>
/// <param name="SplitPoints">Candidate thresholds tried per numeric attribute, evenly spaced between its extremes.</param>
/// <param name="LeafFeatures">Attributes a new leaf observes, drawn at random; 0 observes all of them.</param>
internal sealed record TreeSettings(int GracePeriod, double Delta, double TieThreshold, int SplitPoints, int LeafFeatures = 0)
{
    /// <summary>A split that leaves less than this share of the weight in all but one branch is not considered (River and MOA: 0.01).</summary>
    public const double MinBranchFraction = 0.01;
}
