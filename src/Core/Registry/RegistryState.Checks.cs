using System.Globalization;

namespace StreamMl.Core.Registry;

/// <summary>The registry's checks of a command against its state, before anything is journaled.</summary>
public sealed partial class RegistryState
{
    /// <summary>Why a version cannot be promoted in a mode, or null when it can.</summary>
    public RegistryRefusal? CheckPromotion(string version, string mode, double canaryShare)
    {
        if (!ServingModes.All.Contains(mode))
            return new RegistryRefusal(RegistryRefusal.BadRequest, $"mode '{mode}' is not one of {string.Join(", ", ServingModes.All)}");
        if (mode == ServingModes.Canary && !(canaryShare > 0 && canaryShare < 1))
            return new RegistryRefusal(RegistryRefusal.BadRequest, $"a canary share must be above 0 and below 1; got {canaryShare.ToString(CultureInfo.InvariantCulture)}");
        if (!_models.TryGetValue(version, out var entry))
            return new RegistryRefusal(RegistryRefusal.NotFound, $"there is no model version '{version}'");
        if (entry.Status is ModelStatuses.Rejected or ModelStatuses.Trained)
            return new RegistryRefusal(RegistryRefusal.Conflict, $"model {version} was not blessed by the validation gate (status {entry.Status})");
        if (version == Champion)
            return new RegistryRefusal(RegistryRefusal.Conflict, $"model {version} is already the champion");
        if (version == Challenger && mode == ChallengerMode && (mode != ServingModes.Canary || canaryShare == CanaryShare))
            return new RegistryRefusal(RegistryRefusal.Conflict, $"model {version} already serves in {mode} mode");
        if (mode != ServingModes.Full && Champion is null)
            return new RegistryRefusal(RegistryRefusal.Conflict, $"model {version} cannot be a {mode} challenger: there is no champion");
        return null;
    }

    /// <summary>
    /// Whether a node's report on a version changes what the registry knows: not when the version is unknown,
    /// the report is of a plan older than the version's latest change of place in the plan (it comes late),
    /// or the node's state of the version is already <paramref name="status"/> (nodes re-report on every plan).
    /// </summary>
    public bool IsDeploymentNews(string version, string node, long planRevision, string status) =>
        _models.TryGetValue(version, out var entry)
        && planRevision >= _placedAt.GetValueOrDefault(version)
        && !(entry.Deployments.TryGetValue(node, out var known) && known == status);

    /// <summary>Why the registry cannot roll back, or null when it can.</summary>
    public RegistryRefusal? CheckRollback() =>
        _previousChampions.Count == 0 ? new RegistryRefusal(RegistryRefusal.Conflict, "there is no previous champion to roll back to") : null;
}

/// <summary>Why the registry refused a command: a kind (bad-request, not-found, conflict) and a message.</summary>
public sealed record RegistryRefusal(string Kind, string Message)
{
    public const string BadRequest = "bad-request";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
}
