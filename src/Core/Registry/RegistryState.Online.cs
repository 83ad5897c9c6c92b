namespace StreamMl.Core.Registry;

/// <summary>The registry's state: what online versions add to it (their start, checkpoints, resets, prequential verdicts).</summary>
public sealed partial class RegistryState
{
    private readonly HashSet<string> _judged = new(StringComparer.Ordinal);

    /// <summary>Whether the prequential gate judged the version already.</summary>
    public bool WasJudged(string version) => _judged.Contains(version);

    /// <summary>Applies an online version's event; false for an event that is not one.</summary>
    private bool ApplyOnline(IRegistryEvent e, LineageStep step)
    {
        switch (e)
        {
            case OnlineModelStarted started:
                Register(new ModelEntry(started.Version, null, started.Model, null, null, null, ModelStatuses.Ready, started.At,
                    new Dictionary<string, string>(StringComparer.Ordinal), OnlineProgress.None));
                VersionSteps(started.Version).Add(step);
                return true;
            case OnlineCheckpointRecorded checkpoint:
                VersionSteps(checkpoint.Version).Add(step);
                Update(checkpoint.Version, m => m with
                {
                    Online = (m.Online ?? OnlineProgress.None).Checkpointed(checkpoint.Checkpoint),
                    Importance = checkpoint.Checkpoint.Importance ?? m.Importance,
                });
                return true;
            case OnlineModelReset reset:
                VersionSteps(reset.Version).Add(step);
                Update(reset.Version, m => m with { Online = (m.Online ?? OnlineProgress.None).Reset() });
                return true;
            case ChallengerJudged judged:
            {
                VersionSteps(judged.Version).Add(step);
                _judged.Add(judged.Version);
                Update(judged.Version, m => m with { Evaluation = judged.Challenger, Metrics = judged.Challenger.Overall, Gate = judged.Decision });
                if (judged.Decision.Passed || Challenger != judged.Version) return true;
                // A refused challenger stops serving.
                var before = Places();
                Challenger = null;
                SetStatus(judged.Version, ModelStatuses.Rejected);
                PlanRevision++;
                Replaced(before);
                return true;
            }
            default:
                return false;
        }
    }
}
