using StreamMl.Core.Modeling;
using StreamMl.Core.Slices;
using StreamMl.Core.Statistics;

namespace StreamMl.Actors.Serving;

/// <summary>A loaded, hash-checked model ready to answer events, with the version it answers as and the profile of its training data.</summary>
public sealed record ServingModel(string Version, string Sha256, ModelScorer Scorer, TrainingProfile? Profile = null);

/// <summary>
/// The model this node serves. A batch reads <see cref="Current"/> once and scores every event with
/// it, so a swap is atomic per batch: no event is scored twice, and each names the version used.
/// </summary>
public sealed class ModelHost
{
    private volatile ServingModel? _current;

    public ServingModel? Current => _current;

    public ServingModel Require() =>
        _current ?? throw new InvalidOperationException("this node has no model loaded yet");

    public void Serve(ServingModel model) => _current = model;

    /// <summary>The training profile of a slice for a model version, when this node serves that version and it has one.</summary>
    public StatisticsSet? ReferenceFor(string sliceId, string? modelVersion) =>
        _current is { } model && model.Version == modelVersion && model.Profile?.Slices.TryGetValue(sliceId, out var profile) == true
            ? profile
            : null;
}
