using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Labels;

/// <summary>An event that was scored and now waits for its label.</summary>
/// <param name="Event">The event as scored (usually without a label).</param>
/// <param name="Scores">The answer of each model that scored it, serving and shadow.</param>
public sealed record PendingPrediction(ValidEvent Event, IReadOnlyList<ScoredBy> Scores);
