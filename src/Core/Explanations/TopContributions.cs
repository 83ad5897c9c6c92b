using StreamMl.Core.Ingestion;
using StreamMl.Core.Serving;

namespace StreamMl.Core.Explanations;

/// <summary>
/// The k largest contributions of each event of a batch, for a prediction record to carry (the spec's
/// <c>explain.topK</c>, see <see cref="ExplainSpec"/>). Self-contained: the router calls it with the model that
/// answered the events; nothing is wired to it yet.
/// </summary>
/// <remarks>
/// Each explanation scores its event again through the model (it needs the featurised values beside the score), so
/// its <see cref="Explanation.Prediction"/> is the model's own answer and may replace the scorer's for those events.
/// The cost, measured by <c>StreamMl.Bench explain</c>, is that of one explanation per event.
/// </remarks>
public static class TopContributions
{
    /// <summary>Per event, in order, its explanation cut to the k contributions of largest magnitude.</summary>
    public static Explanation[] For(ServingModel model, IReadOnlyList<ValidEvent> events, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var explanations = new Explanation[events.Count];
        for (var i = 0; i < explanations.Length; i++)
        {
            var full = ServingExplanations.Explain(model, events[i]);
            explanations[i] = full.Contributions.Count <= k ? full : full with { Contributions = full.Contributions.Take(k).ToArray() };
        }
        return explanations;
    }
}
