using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;

namespace StreamMl.Core.Serving;

/// <summary>Scores batches of events with one model; safe to call from several threads at once.</summary>
public interface IEventScorer
{
    /// <summary>One score per event, in order.</summary>
    ModelScore[] Score(IReadOnlyList<ValidEvent> events);
}
