using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Registry;
using StreamMl.Core.Slices;
using StreamMl.Core.Statistics;

namespace StreamMl.Core.Serving;

/// <summary>
/// A loaded, hash-checked model ready to answer events, with the version it answers as and the profile of its training
/// data: a batch model (<see cref="ModelScorer"/>) or an online one (<see cref="OnlineScorer"/>).
/// </summary>
/// <param name="Sha256">The batch model's artifact, or the online model's initial state.</param>
public sealed record ServingModel(string Version, string Sha256, IEventScorer Scorer, TrainingProfile? Profile = null)
{
    /// <summary>The online model's replica on this node; null for a batch model.</summary>
    public OnlineLearning.LearnerReplica? Online => (Scorer as OnlineScorer)?.Replica;
}

/// <summary>
/// What a node serves at one moment: the champion, and a challenger scored in shadow (never answering)
/// or answering a canary share of events chosen by hashed event id.
/// </summary>
/// <param name="Revision">The registry's plan revision this set applies; 0 before the registry spoke.</param>
public sealed record ServingSet(ServingModel Champion, ServingModel? Challenger, string Mode, double CanaryShare, long Revision)
{
    /// <summary>The challenger when it answers this event (canary mode and the event's hash falls in the share), else null.</summary>
    public ServingModel? CanaryFor(string eventId) =>
        Challenger is { } challenger && Mode == ServingModes.Canary && CanaryRouting.ToChallenger(eventId, CanaryShare) ? challenger : null;

    /// <summary>The challenger when it is scored beside the champion without answering.</summary>
    public ServingModel? Shadow => Mode == ServingModes.Shadow ? Challenger : null;
}

/// <summary>
/// The models this node serves. A batch reads <see cref="Current"/> once and scores every event with
/// it, so a swap is atomic per batch: no event is scored twice, and each names the version used.
/// </summary>
public sealed class ModelHost
{
    private readonly TaskCompletionSource _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ServingSet? _current;

    public ServingSet? Current => _current;

    /// <summary>Completes once the host serves a model (at once for a node started with one).</summary>
    public Task Served => _served.Task;

    public ServingSet Require() =>
        _current ?? throw new InvalidOperationException("this node has no model loaded yet");

    /// <summary>Serves one model alone (a node's start-up model).</summary>
    public void Serve(ServingModel model) => Serve(new ServingSet(model, null, ServingModes.Full, 0, 0));

    /// <summary>Swaps in a whole set at once.</summary>
    public void Serve(ServingSet set)
    {
        _current = set;
        _served.TrySetResult();
    }

    /// <summary>The training profile of a slice for a model version, when this node serves that version and it has one.</summary>
    public StatisticsSet? ReferenceFor(string sliceId, string? modelVersion) =>
        _current?.Champion is { } model && model.Version == modelVersion && model.Profile?.Slices.TryGetValue(sliceId, out var profile) == true
            ? profile
            : null;
}
