using System.Collections.Concurrent;
using Akka.Actor;
using StreamMl.Actors.Labels;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Slices;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Modeling;
using StreamMl.Core.Quality;
using StreamMl.Core.Slices;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Scores a batch with the node's serving set and records each event in every slice it falls in:
/// one message per slice per batch, so even the global slice sees a few messages per second, not one per
/// event. The champion answers, except for the canary share of events, which the challenger answers; a
/// shadow challenger is scored on every event but never answers. Unlabelled events wait in the label
/// join for late ground truth; labelled ones go straight to the training examples. At a checkpoint,
/// every slice recorded since the last one snapshots its state.
/// </summary>
public sealed class SlicedBatchHandler(
    ModelHost models,
    IActorRef sliceRegion,
    IActorRef? labelJoins,
    IActorRef? exampleWriter,
    int labelBuckets,
    TimeSpan sliceTimeout) : IBatchHandler
{
    private ConcurrentDictionary<string, byte> _touched = new(StringComparer.Ordinal);

    /// <summary>Every slice that recorded a batch since the last checkpoint takes a snapshot.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        var slices = Interlocked.Exchange(ref _touched, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        await Task.WhenAll(slices.Keys.Select(slice =>
            sliceRegion.Ask<SnapshotTaken>(new TakeSnapshot(slice), sliceTimeout, cancellationToken))).ConfigureAwait(false);
    }

    public AnsweredBatch Handle(IReadOnlyList<ValidEvent> events, CancellationToken cancellationToken)
    {
        var set = models.Require();
        var champion = set.Champion;
        var served = Served(set, events);
        var scores = ScoreServed(set, events, served);
        var shadow = set.Shadow;
        var shadowScores = shadow?.Scorer.Score(events);
        var now = DateTimeOffset.UtcNow;
        var predictions = new PredictionRecord[events.Count];
        var bySlice = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        Dictionary<string, List<Outcome>>? shadowBySlice = null;
        Dictionary<string, List<PendingPrediction>>? pending = labelJoins is null ? null : new(StringComparer.Ordinal);
        List<ValidEvent>? labelled = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var s = scores[i];
            var model = served?[i] ?? champion;
            predictions[i] = new PredictionRecord(e.Id, model.Version, s.Score, s.Probability, s.PredictedLabel, e.Slices, e.Time ?? now);
            var observation = new Observation(e.Numeric, e.Categorical, e.Label, s.Probability ?? s.Score, s.PredictedLabel,
                ReferenceEquals(model, champion) ? null : model.Version);
            Outcome? shadowOutcome = null;
            if (e.Label is { } label)
            {
                (labelled ??= new List<ValidEvent>()).Add(e);
                if (shadowScores is not null)
                    shadowOutcome = new Outcome(shadow!.Version, shadowScores[i].Probability ?? shadowScores[i].Score, shadowScores[i].PredictedLabel, label, Shadow: true);
            }
            else if (pending is not null)
            {
                var scored = shadowScores is null
                    ? new[] { new ScoredBy(model.Version, observation.Score, s.PredictedLabel, false) }
                    : new[] { new ScoredBy(model.Version, observation.Score, s.PredictedLabel, false), new ScoredBy(shadow!.Version, shadowScores[i].Probability ?? shadowScores[i].Score, shadowScores[i].PredictedLabel, true) };
                var bucket = LabelBuckets.Of(e.Id, labelBuckets);
                if (!pending.TryGetValue(bucket, out var list)) pending[bucket] = list = [];
                list.Add(new PendingPrediction(e, scored));
            }
            foreach (var slice in e.Slices)
            {
                if (!bySlice.TryGetValue(slice, out var rows)) bySlice[slice] = rows = new List<Observation>(events.Count);
                rows.Add(observation);
                if (shadowOutcome is null) continue;
                shadowBySlice ??= new Dictionary<string, List<Outcome>>(StringComparer.Ordinal);
                if (!shadowBySlice.TryGetValue(slice, out var outcomes)) shadowBySlice[slice] = outcomes = [];
                outcomes.Add(shadowOutcome);
            }
        }
        if (pending is not null)
            foreach (var (bucket, list) in pending) labelJoins!.Tell(new PredictionsIssued(bucket, list));
        if (labelled is not null) exampleWriter?.Tell(new AppendExamples(labelled));
        var acknowledgements = new List<Task<ObservationsAcknowledged>>(bySlice.Count);
        foreach (var slice in bySlice.Keys) _touched.TryAdd(slice, 0);
        foreach (var (slice, rows) in bySlice)
        {
            var batch = new ObservationBatch(rows, now, champion.Version, shadowBySlice?.GetValueOrDefault(slice));
            acknowledgements.Add(sliceRegion.Ask<ObservationsAcknowledged>(new RecordObservations(slice, batch), sliceTimeout, cancellationToken));
        }
        return new AnsweredBatch(predictions, Task.WhenAll(acknowledgements));
    }

    /// <summary>Which model answers each event: null when the champion answers them all (no canary).</summary>
    private static ServingModel[]? Served(ServingSet set, IReadOnlyList<ValidEvent> events)
    {
        if (set.Mode != Core.Registry.ServingModes.Canary || set.Challenger is null) return null;
        var served = new ServingModel[events.Count];
        for (var i = 0; i < served.Length; i++) served[i] = set.CanaryFor(events[i].Id) ?? set.Champion;
        return served;
    }

    /// <summary>Scores each event with the model that answers it, one call per model.</summary>
    private static ModelScore[] ScoreServed(ServingSet set, IReadOnlyList<ValidEvent> events, ServingModel[]? served)
    {
        if (served is null) return set.Champion.Scorer.Score(events);
        var scores = new ModelScore[events.Count];
        foreach (var model in new[] { set.Champion, set.Challenger! })
        {
            var indices = new List<int>();
            for (var i = 0; i < served.Length; i++) if (ReferenceEquals(served[i], model)) indices.Add(i);
            if (indices.Count == 0) continue;
            var subset = new ValidEvent[indices.Count];
            for (var j = 0; j < subset.Length; j++) subset[j] = events[indices[j]];
            var subsetScores = model.Scorer.Score(subset);
            for (var j = 0; j < subset.Length; j++) scores[indices[j]] = subsetScores[j];
        }
        return scores;
    }
}
