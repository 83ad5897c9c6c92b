using StreamMl.Core.Registry;

namespace StreamMl.Core.Serving;

/// <summary>Runs this node's replicas of online model versions: each restored from its latest checkpoint and following the label log.</summary>
public interface IOnlineModelLoader
{
    /// <summary>
    /// The version's replica, caught up with the label log, ready to serve: the running one, or one restored from the
    /// version's latest checkpoint (its initial state before the first).
    /// </summary>
    /// <exception cref="Modeling.ModelArtifactException">The state is missing, does not match its hash, or is not for this spec.</exception>
    Task<ServingModel> LoadAsync(PlannedModel planned, CancellationToken cancellationToken);

    /// <summary>Stops the replicas of every version not in <paramref name="keep"/>.</summary>
    Task StopAllExceptAsync(IReadOnlyCollection<string> keep);
}
