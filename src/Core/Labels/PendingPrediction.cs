using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Labels;

/// <summary>An event that was scored and now waits for its label.</summary>
/// <param name="Event">The event as scored (usually without a label).</param>
/// <param name="Scores">The answer of each model that scored it, serving and shadow.</param>
public sealed record PendingPrediction(ValidEvent Event, IReadOnlyList<ScoredBy> Scores)
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
            + 96;                                                                   // the join's queue entry and dictionary slot
        return bytes;
    }
}
