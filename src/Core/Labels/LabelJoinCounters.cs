namespace StreamMl.Core.Labels;

/// <summary>What a <see cref="LabelJoin"/> has done since it was created; see its properties for each meaning.</summary>
public readonly record struct LabelJoinCounters(
    long Joined,
    long UnknownLabels,
    long ExpiredPredictions,
    long LatePredictionsEvicted,
    long DuplicateLabels,
    long DuplicatePredictions);
