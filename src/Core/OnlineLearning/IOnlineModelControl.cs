using StreamMl.Core.Registry;

namespace StreamMl.Core.OnlineLearning;

/// <summary>What the cluster can do to online models beyond serving them: start a version, reset one at a point of the label log.</summary>
public interface IOnlineModelControl
{
    /// <summary>
    /// Starts a version of the spec's online learner at the current end of the label log: its initial state goes to the
    /// artifact store, its description to the registry, which serves it as <paramref name="serve"/> asks (null: as the
    /// champion only when there is none).
    /// </summary>
    Task<OnlineModelRegistered> StartAsync(string? serve, double canaryShare, string by, CancellationToken cancellationToken);

    /// <summary>Appends a reset of the version to the label log and records it, with its offset, in the registry; returns the offset.</summary>
    Task<long> ResetAsync(string version, string reason, CancellationToken cancellationToken);
}
