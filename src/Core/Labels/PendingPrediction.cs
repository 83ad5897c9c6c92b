using System.Text.Json.Serialization;
using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Labels;

/// <summary>An event that was scored and now waits for its label.</summary>
/// <remarks>
/// The first model's answer is kept inline and the others (a shadow's) in an array: a prediction that only its serving
/// model scored, as nearly all are, is one object rather than an object and an array. Hot paths read the answers with
/// <see cref="ScoreCount"/> and <see cref="ScoreAt"/>.
/// </remarks>
public sealed record PendingPrediction
{
    /// <summary>A prediction from every answer it got, the serving model's first.</summary>
    /// <param name="event">The event as scored (usually without a label).</param>
    /// <param name="scores">The answer of each model that scored it, serving and shadow: at least one.</param>
    /// <param name="revealedLabels">See <see cref="RevealedLabels"/>.</param>
    public PendingPrediction(ValidEvent @event, IReadOnlyList<ScoredBy> scores, double[]? revealedLabels = null)
        : this(@event, FirstOf(scores), scores.Count == 1 ? null : scores.Skip(1).ToArray(), revealedLabels)
    {
    }

    /// <summary>A prediction from its parts, as the label protocol's JSON carries them.</summary>
    [JsonConstructor]
    public PendingPrediction(ValidEvent @event, ScoredBy first, ScoredBy[]? others, double[]? revealedLabels)
    {
        ArgumentNullException.ThrowIfNull(@event);
        (Event, First, Others, RevealedLabels) = (@event, first, others is { Length: 0 } ? null : others, revealedLabels);
    }

    /// <summary>The event as scored (usually without a label).</summary>
    public ValidEvent Event { get; init; }

    /// <summary>The first answer: the serving model's.</summary>
    public ScoredBy First { get; init; }

    /// <summary>The other models' answers (a shadow's); null when the serving model's is the only one.</summary>
    public ScoredBy[]? Others { get; init; }

    /// <summary>
    /// Set when an online model scored the event: the labels it read as inputs, which it learns the label with. Null when
    /// only batch models scored it (its label is then not sent to the label log).
    /// </summary>
    public double[]? RevealedLabels { get; init; }

    /// <summary>How many models answered.</summary>
    [JsonIgnore]
    public int ScoreCount => 1 + (Others?.Length ?? 0);

    /// <summary>The <paramref name="index"/>th answer: 0 the serving model's, then the others in order.</summary>
    public ScoredBy ScoreAt(int index) => index == 0 ? First : Others![index - 1];

    /// <summary>Every answer, serving model's first, in a list made at each read: for tests and tools, not for hot paths.</summary>
    [JsonIgnore]
    public IReadOnlyList<ScoredBy> Scores => Others is null ? [First] : [First, .. Others];

    private const int ObjectHeader = 16, Reference = 8, ArrayHeader = 24, Answer = 24;

    /// <summary>
    /// Roughly the bytes this prediction keeps alive while it waits: the event's arrays and id, the answers, and the
    /// label join's bookkeeping for it. Strings the decoder shares between events (categories, slice keys, versions)
    /// are not counted.
    /// </summary>
    public long EstimatedBytes()
    {
        var e = Event;
        long bytes = ObjectHeader + 3 * Reference + Answer                          // this, with its first answer
            + (Others is null ? 0 : ArrayHeader + Answer * Others.Length)
            + ObjectHeader + 5 * Reference + 24                                     // the event, with its time and label
            + ObjectHeader + 4 + 2 * e.Id.Length                                    // its id
            + ArrayHeader + 8 * e.Numeric.Length
            + ArrayHeader + Reference * (e.Categorical.Length + e.Derived.Length)
            + (RevealedLabels is null ? 0 : ArrayHeader + 8 * RevealedLabels.Length)
            + 96;                                                                   // the join's queue entry and dictionary slot
        return bytes;
    }

    private static ScoredBy FirstOf(IReadOnlyList<ScoredBy> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Count > 0 ? scores[0] : throw new ArgumentException("A prediction needs at least one model's answer.", nameof(scores));
    }
}
