namespace StreamMl.Core.Lifecycle;

/// <summary>What the validation gate decided about a challenger, and why.</summary>
/// <param name="Passed">Whether the challenger is blessed for promotion.</param>
/// <param name="Metric">The spec name of the metric judged, e.g. "accuracy".</param>
/// <param name="ChampionValue">The champion's overall value; NaN when there is no champion or it could not be measured.</param>
/// <param name="ChallengerValue">The challenger's overall value; NaN when it could not be measured.</param>
/// <param name="Slices">Every slice either model was measured on (the global slice aside), in key order.</param>
/// <param name="Reasons">
/// Human-readable: when refused, one line per failed check (overall, then each failing slice); when blessed, a summary.
/// </param>
public sealed record GateDecision(
    bool Passed,
    string Metric,
    double ChampionValue,
    double ChallengerValue,
    IReadOnlyList<SliceComparison> Slices,
    IReadOnlyList<string> Reasons);

/// <summary>One slice's metric for both models on the hold-out.</summary>
/// <param name="Slice">The slice key, e.g. "dayPart=night".</param>
/// <param name="ChampionExamples">The champion's held-out examples in the slice (0 when it has none).</param>
/// <param name="ChallengerExamples">The challenger's held-out examples in the slice (0 when it has none).</param>
/// <param name="ChampionValue">The champion's value; null when not measured.</param>
/// <param name="ChallengerValue">The challenger's value; null when not measured.</param>
/// <param name="Judged">Whether the slice counted: both models have a value on at least the minimum number of examples.</param>
/// <param name="Shortfall">How much worse the challenger is (positive = worse, whatever the metric's direction); null when not judged.</param>
/// <param name="Passed">Whether the slice is within the slice tolerance; true when not judged.</param>
public sealed record SliceComparison(
    string Slice,
    int ChampionExamples,
    int ChallengerExamples,
    double? ChampionValue,
    double? ChallengerValue,
    bool Judged,
    double? Shortfall,
    bool Passed);
