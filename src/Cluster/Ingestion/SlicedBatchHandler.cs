using System.Collections.Concurrent;
using Akka.Actor;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Slices;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Slices;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// Scores a batch with the node's current model and records each event in every slice it falls in:
/// one message per slice per batch, so even the global slice sees a few messages per second, not one per
/// event. At a checkpoint, every slice recorded since the last one snapshots its state.
/// </summary>
public sealed class SlicedBatchHandler(ModelHost models, IActorRef sliceRegion, TimeSpan sliceTimeout) : IBatchHandler
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
        var model = models.Require();
        var scores = model.Scorer.Score(events);
        var now = DateTimeOffset.UtcNow;
        var predictions = new PredictionRecord[events.Count];
        var bySlice = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var s = scores[i];
            predictions[i] = new PredictionRecord(e.Id, model.Version, s.Score, s.Probability, s.PredictedLabel, e.Slices, e.Time ?? now);
            var observation = new Observation(e.Numeric, e.Categorical, e.Label, s.Probability ?? s.Score, s.PredictedLabel);
            foreach (var slice in e.Slices)
            {
                if (!bySlice.TryGetValue(slice, out var rows)) bySlice[slice] = rows = new List<Observation>(events.Count);
                rows.Add(observation);
            }
        }
        var acknowledgements = new List<Task<ObservationsAcknowledged>>(bySlice.Count);
        foreach (var slice in bySlice.Keys) _touched.TryAdd(slice, 0);
        foreach (var (slice, rows) in bySlice)
            acknowledgements.Add(sliceRegion.Ask<ObservationsAcknowledged>(new RecordObservations(slice, new ObservationBatch(rows, now, model.Version)), sliceTimeout, cancellationToken));
        return new AnsweredBatch(predictions, Task.WhenAll(acknowledgements));
    }
}
