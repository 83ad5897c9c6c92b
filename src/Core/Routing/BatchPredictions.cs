using System.Buffers;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Serving;

namespace StreamMl.Core.Routing;

/// <summary>
/// The answers of one routed batch, one per event in the events' order, kept as what they are made of (the events,
/// the scores, which model answered each, an online model's figures) rather than as a record object per event: the
/// node writes each answer's JSON straight from these (<see cref="WriteJson"/>); a <see cref="PredictionRecord"/> is made
/// only when one is read through the list.
/// </summary>
public sealed class BatchPredictions : IReadOnlyList<PredictionRecord>
{
    private readonly IReadOnlyList<ValidEvent> _events;
    private readonly ModelScore[] _scores;
    private readonly ServingModel[]? _served;
    private readonly ServingModel _champion;
    private readonly Dictionary<ServingModel, OnlineAnswer> _answers;
    private readonly DateTimeOffset _now;

    /// <param name="events">The batch, in order.</param>
    /// <param name="scores">Each event's score by the model that answered it.</param>
    /// <param name="served">The model that answered each event; null when the champion answered them all.</param>
    /// <param name="champion">The serving set's champion.</param>
    /// <param name="answers">The whole answer of each online model that scored the batch.</param>
    /// <param name="now">When the batch was answered: the time of an event without one.</param>
    internal BatchPredictions(IReadOnlyList<ValidEvent> events, ModelScore[] scores, ServingModel[]? served, ServingModel champion,
        Dictionary<ServingModel, OnlineAnswer> answers, DateTimeOffset now)
    {
        if (scores.Length != events.Count || (served is not null && served.Length != events.Count))
            throw new ArgumentException($"{scores.Length} scores and {served?.Length ?? events.Count} answering models for {events.Count} events");
        (_events, _scores, _served, _champion, _answers, _now) = (events, scores, served, champion, answers, now);
    }

    public int Count => _events.Count;

    /// <summary>The answer to event <paramref name="index"/>, made anew at each read.</summary>
    public PredictionRecord this[int index]
    {
        get
        {
            var (e, s, model, online) = Parts(index);
            return new PredictionRecord(e.Id, model.Version, s.Score, s.Probability, s.PredictedLabel, e.Slices, Time(index),
                online?.Updates, online?.LabelsBehind, online?.MsBehind);
        }
    }

    /// <summary>The id of the event answered at <paramref name="index"/>.</summary>
    public string Id(int index) => _events[index].Id;

    /// <summary>The time of the answer at <paramref name="index"/>: the event's, or when the batch was answered.</summary>
    public DateTimeOffset Time(int index) => _events[index].Time ?? _now;

    /// <summary>
    /// Appends to <paramref name="output"/> the answer at <paramref name="index"/> as JSON, the same bytes as its
    /// <see cref="PredictionRecord"/> written by <paramref name="writer"/>.
    /// </summary>
    public void WriteJson(int index, PredictionJsonWriter writer, IBufferWriter<byte> output)
    {
        var (e, s, model, online) = Parts(index);
        writer.Write(output, e.Id, model.Version, s.Score, s.Probability, s.PredictedLabel, e.Slices, Time(index),
            online?.Updates, online?.LabelsBehind, online?.MsBehind);
    }

    public IEnumerator<PredictionRecord> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private (ValidEvent Event, ModelScore Score, ServingModel Model, OnlineAnswer? Online) Parts(int index)
    {
        var model = _served?[index] ?? _champion;
        return (_events[index], _scores[index], model, _answers.Count == 0 ? null : _answers.GetValueOrDefault(model));
    }
}
