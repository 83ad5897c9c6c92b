using System.Buffers;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Modeling;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Quality;
using StreamMl.Core.Serving;
using StreamMl.Core.Slices;
using StreamMl.Core.Training;

namespace StreamMl.Core.Routing;

/// <summary>
/// Scores a batch with one serving set and routes every event: the champion answers, except the canary share of
/// events, which the challenger answers; a shadow challenger is scored on every event but never answers. Each
/// event is observed by every slice it falls in; an unlabelled one waits in its label-join bucket for late ground
/// truth (when labels come late at all); a labelled one is a training example at once. When an online model is in
/// the set, its labels are also examples for the label log, with the labels it read as inputs. Pure: no actors, no I/O.
/// </summary>
public static class BatchRouter
{
    /// <param name="set">The serving set, read once for the whole batch so that a swap falls between two batches.</param>
    /// <param name="events">The batch, in order.</param>
    /// <param name="now">When the batch is answered: the observation time, and the prediction time of events without one.</param>
    /// <param name="labelBuckets">The number of label-join buckets.</param>
    /// <param name="labelsComeLate">Whether unlabelled predictions wait for a label on the labels topic.</param>
    public static RoutedBatch Route(ServingSet set, IReadOnlyList<ValidEvent> events, DateTimeOffset now, int labelBuckets, bool labelsComeLate)
    {
        var champion = set.Champion;
        var served = Served(set, events);
        var answers = new Dictionary<ServingModel, OnlineAnswer>(ReferenceEqualityComparer.Instance);
        var scores = ScoreServed(set, events, served, now, answers);
        var shadow = set.Shadow;
        var shadowScores = shadow is null ? null : ScoreWith(shadow, events, now, answers);
        var revealed = LearningInputs(set, answers);
        var (columns, sliceRows) = SliceColumns(events);
        Dictionary<string, List<Outcome>>? shadowOutcomes = null;
        var buckets = labelsComeLate ? ArrayPool<string?>.Shared.Rent(events.Count) : null;
        var pending = labelsComeLate ? WaitingByBucket(events, labelBuckets, buckets!) : null;
        var labelled = new List<TrainingExample>();
        var toLearn = new List<LearningExample>();
        var arrivedAtMs = now.ToUnixTimeMilliseconds();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var s = scores[i];
            var model = served?[i] ?? champion;
            var observedScore = s.Probability ?? s.Score;
            var rowVersion = ReferenceEquals(model, champion) ? null : model.Version;
            var shadowAnswer = shadowScores is null ? (ScoredBy?)null : new ScoredBy(shadow!.Version, shadowScores[i].Probability ?? shadowScores[i].Score, shadowScores[i].PredictedLabel, true);
            Outcome? shadowOutcome = null;
            if (e.Label is { } label)
            {
                labelled.Add(new TrainingExample(e, label));
                if (revealed is not null) toLearn.Add(new LearningExample(e.Id, e.Numeric, e.Categorical, label, revealed, arrivedAtMs, Late: false));
                if (shadowAnswer is { } a) shadowOutcome = new Outcome(a.ModelVersion, a.Score, a.PredictedPositive, label, Shadow: true);
            }
            else if (labelsComeLate)
            {
                var answer = new ScoredBy(model.Version, observedScore, s.PredictedLabel, false);
                pending!.Add(buckets![i]!, new PendingPrediction(e, answer, shadowAnswer is { } a ? [a] : null, revealed));
            }
            columns.Add(e.Numeric, e.Categorical, e.Label, observedScore, s.PredictedLabel, rowVersion);
            foreach (var slice in e.Slices)
            {
                sliceRows.Add(slice, i);
                if (shadowOutcome is null) continue;
                shadowOutcomes ??= new Dictionary<string, List<Outcome>>(StringComparer.Ordinal);
                if (!shadowOutcomes.TryGetValue(slice, out var outcomes)) shadowOutcomes[slice] = outcomes = [];
                outcomes.Add(shadowOutcome);
            }
        }
        var slices = new Dictionary<string, ObservationBatch>(sliceRows.SliceCount, StringComparer.Ordinal);
        foreach (var (slice, rows) in sliceRows.All())
            slices[slice] = columns.Select(rows, now, champion.Version, shadowOutcomes?.GetValueOrDefault(slice));
        var waitingByBucket = new Dictionary<string, PendingPrediction[]>(pending?.SliceCount ?? 0, StringComparer.Ordinal);
        if (pending is not null)
        {
            foreach (var (bucket, waiting) in pending.All()) waitingByBucket[bucket] = waiting;
            ArrayPool<string?>.Shared.Return(buckets!, clearArray: true);
        }
        return new RoutedBatch { Predictions = new BatchPredictions(events, scores, served, champion, answers, now), Slices = slices, Pending = waitingByBucket, Labelled = labelled, ToLearn = toLearn };
    }

    /// <summary>
    /// The label-join bucket of each unlabelled event, into <paramref name="buckets"/> by the event's index; and the
    /// predictions that will wait, gathered per bucket into one array each of their exact number (counted here).
    /// </summary>
    private static SliceGroups<PendingPrediction> WaitingByBucket(IReadOnlyList<ValidEvent> events, int labelBuckets, string?[] buckets)
    {
        var waiting = new SliceGroups<PendingPrediction>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Label is not null) continue;
            var bucket = buckets[i] = LabelBuckets.Of(events[i].Id, labelBuckets);
            waiting.Count(bucket);
        }
        waiting.Allocate();
        return waiting;
    }

    /// <summary>
    /// The columns of the whole batch, one row per event, which the slices' batches share; and for each slice an array
    /// for the rows of its events, sized to their number.
    /// </summary>
    private static (ObservationBatch.Builder Columns, SliceGroups<int> Rows) SliceColumns(IReadOnlyList<ValidEvent> events)
    {
        var rows = new SliceGroups<int>();
        foreach (var e in events)
            foreach (var slice in e.Slices)
                rows.Count(slice);
        rows.Allocate();
        var (numericWidth, categoricalWidth) = events.Count == 0 ? (0, 0) : (events[0].Numeric.Length, events[0].Categorical.Length);
        return (new ObservationBatch.Builder(events.Count, numericWidth, categoricalWidth), rows);
    }

    /// <summary>
    /// The labels an online model of the set read as inputs for this batch (the champion's when it learns online, else
    /// the challenger's): every label of the batch is learnt with them. Null when no model of the set learns online.
    /// </summary>
    private static double[]? LearningInputs(ServingSet set, Dictionary<ServingModel, OnlineAnswer> answers)
    {
        foreach (var model in new[] { set.Champion, set.Challenger })
        {
            if (model?.Online is not { } replica) continue;
            return answers.TryGetValue(model, out var answer) ? answer.RevealedLabels : replica.RevealedLabelsNow();
        }
        return null;
    }

    /// <summary>Which model answers each event: null when the champion answers them all (no canary).</summary>
    private static ServingModel[]? Served(ServingSet set, IReadOnlyList<ValidEvent> events)
    {
        if (set.Mode != Registry.ServingModes.Canary || set.Challenger is null) return null;
        var served = new ServingModel[events.Count];
        for (var i = 0; i < served.Length; i++) served[i] = set.CanaryFor(events[i].Id) ?? set.Champion;
        return served;
    }

    /// <summary>Scores each event with the model that answers it, one call per model.</summary>
    private static ModelScore[] ScoreServed(ServingSet set, IReadOnlyList<ValidEvent> events, ServingModel[]? served, DateTimeOffset now,
        Dictionary<ServingModel, OnlineAnswer> answers)
    {
        if (served is null) return ScoreWith(set.Champion, events, now, answers);
        var scores = new ModelScore[events.Count];
        foreach (var model in new[] { set.Champion, set.Challenger! })
        {
            var indices = new List<int>();
            for (var i = 0; i < served.Length; i++) if (ReferenceEquals(served[i], model)) indices.Add(i);
            if (indices.Count == 0) continue;
            var subset = new ValidEvent[indices.Count];
            for (var j = 0; j < subset.Length; j++) subset[j] = events[indices[j]];
            var subsetScores = ScoreWith(model, subset, now, answers);
            for (var j = 0; j < subset.Length; j++) scores[indices[j]] = subsetScores[j];
        }
        return scores;
    }

    /// <summary>A model's scores; an online model's whole answer is kept too.</summary>
    private static ModelScore[] ScoreWith(ServingModel model, IReadOnlyList<ValidEvent> events, DateTimeOffset now, Dictionary<ServingModel, OnlineAnswer> answers)
    {
        if (model.Scorer is not OnlineScorer online) return model.Scorer.Score(events);
        var answer = online.Answer(events, now);
        answers[model] = answer;
        return answer.Scores;
    }
}
