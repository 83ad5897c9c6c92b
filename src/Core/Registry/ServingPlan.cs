namespace StreamMl.Core.Registry;

/// <summary>One model of a serving plan: its version and where its bytes are; for an online model, what it learns and from where.</summary>
public sealed record PlannedModel(string Version, string ArtifactSha256, string? ProfileSha256, OnlineDescription? Online = null);

/// <summary>
/// What every node should serve: the champion, and optionally a challenger in shadow or canary mode.
/// The revision grows with every change, so a node ignores a plan older than the one it serves.
/// </summary>
public sealed record ServingPlan(long Revision, PlannedModel? Champion, PlannedModel? Challenger, string Mode, double CanaryShare)
{
    public static readonly ServingPlan Empty = new(0, null, null, ServingModes.Full, 0);
}
