namespace StreamMl.Core.Operations;

/// <summary>
/// Whether a node should receive work: it is Up in the cluster and, when it ingests, it serves a model and its
/// consumer holds partitions of the events topic. The reasons say what is missing.
/// </summary>
public sealed record Readiness(bool Ready, IReadOnlyList<string> Reasons)
{
    /// <param name="memberStatus">The node's own cluster member status (Joining, Up, Leaving, …).</param>
    /// <param name="ingests">Whether the node has the ingest role.</param>
    /// <param name="modelVersion">The version the node serves, null when none is loaded.</param>
    /// <param name="assigned">Whether the events consumer holds partitions.</param>
    public static Readiness Of(string memberStatus, bool ingests, string? modelVersion, bool assigned)
    {
        var reasons = new List<string>();
        if (memberStatus != "Up") reasons.Add($"the node is {memberStatus} in the cluster, not Up");
        if (ingests && modelVersion is null) reasons.Add("no model is loaded");
        if (ingests && !assigned) reasons.Add("the events consumer has no partition assignment yet");
        return new Readiness(reasons.Count == 0, reasons);
    }
}
