namespace StreamMl.Core.Statistics;

/// <summary>An estimated category count: the true count lies in [Count − MaxError, Count].</summary>
public sealed record CategoryCount(string Value, long Count, long MaxError);
