using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Labels;

/// <summary>An event that was scored and now waits for its label.</summary>
/// <param name="Event">The event as scored (usually without a label).</param>
/// <param name="Scores">The answer of each model that scored it, serving and shadow.</param>
/// <param name="RevealedLabels">
/// Set when an online model scored the event: the labels it read as inputs, which it learns the label with. Null when
/// only batch models scored it (its label is then not sent to the label log).
/// </param>
public sealed record PendingPrediction(ValidEvent Event, IReadOnlyList<ScoredBy> Scores, double[]? RevealedLabels = null)
{
    private const int ObjectHeader = 16, Reference = 8, ArrayHeader = 24;

    /// <summary>
    /// Roughly the bytes this prediction keeps alive while it waits: the event's arrays and id, the answers, and the
    /// label join's bookkeeping for it. Strings the decoder shares between events (categories, slice keys, versions)
    /// are not counted.
    /// </summary>
    public long EstimatedBytes()
    {
        var e = Event;
        long bytes = ObjectHeader + 2 * Reference                                   // this
            + ObjectHeader + 7 * Reference + 24                                     // the event, with its time and label
            + ObjectHeader + 4 + 2 * e.Id.Length                                    // its id
            + ArrayHeader + 8 * e.Numeric.Length
            + ArrayHeader + Reference * (e.Categorical.Length + e.Derived.Length)
            + ArrayHeader + 24 * Scores.Count
            + (RevealedLabels is null ? 0 : ArrayHeader + 8 * RevealedLabels.Length)
            + 96;                                                                   // the join's queue entry and dictionary slot
        return bytes;
    }
}
