using Akka.Actor;
using Akka.Event;
using StreamMl.Actors.Slices;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Quality;

namespace StreamMl.Actors.Labels;

/// <summary>
/// One bucket of the label join, a sharded entity: predictions without a label wait here, late labels
/// meet them by event id within the horizon, and each join becomes a labelled outcome in every slice
/// of the event and a training example. The waiting predictions live in memory only; a bucket that
/// moves or crashes loses them, and their labels are then counted as unknown.
/// </summary>
public sealed class LabelJoinEntity : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(5);

    private readonly string _bucket;
    private readonly LabelJoin _join;
    private readonly IActorRef _slices;
    private readonly IActorRef _examples;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="maxPendingBytes">The memory this bucket's waiting predictions may take (by their estimate).</param>
    public static Props Props(string bucket, TimeSpan horizon, int capacity, long maxPendingBytes, IActorRef slices, IActorRef examples) =>
        Akka.Actor.Props.Create(() => new LabelJoinEntity(bucket, horizon, capacity, maxPendingBytes, slices, examples));

    public LabelJoinEntity(string bucket, TimeSpan horizon, int capacity, long maxPendingBytes, IActorRef slices, IActorRef examples)
    {
        _bucket = bucket;
        _join = new LabelJoin(horizon, capacity, maxPendingBytes);
        _slices = slices;
        _examples = examples;
        Receive<PredictionsIssued>(c =>
        {
            var now = DateTimeOffset.UtcNow;
            var joined = new List<JoinedLabel>();
            foreach (var prediction in c.Predictions)
                if (_join.AddPrediction(prediction, now) is { } early) joined.Add(early);
            Deliver(joined);
        });
        Receive<LabelsArrived>(c =>
        {
            var now = DateTimeOffset.UtcNow;
            var joined = new List<JoinedLabel>();
            foreach (var label in c.Labels)
                if (_join.AddLabel(label.Id, label.Label, now) is { } match) joined.Add(match);
            Deliver(joined);
            Sender.Tell(new LabelsAccepted(_bucket, joined.Count));
        });
        Receive<GetLabelJoinCounters>(_ => Sender.Tell(new LabelJoinCountersReply(_bucket, _join.Counters, _join.PendingPredictions, _join.WaitingLabels, _join.PendingBytes)));
        Receive<Expire>(_ => _join.Expire(DateTimeOffset.UtcNow));
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("expire", Expire.Instance, ExpiryInterval);


    /// <summary>Each join becomes an outcome per scoring model in every slice of the event, and one training example.</summary>
    private void Deliver(List<JoinedLabel> joined)
    {
        if (joined.Count == 0) return;
        var bySlice = new Dictionary<string, List<Outcome>>(StringComparer.Ordinal);
        var examples = new List<ValidEvent>(joined.Count);
        foreach (var j in joined)
        {
            var e = j.Prediction.Event;
            examples.Add(e with { Label = j.Label });
            foreach (var scored in j.Prediction.Scores)
            {
                var outcome = new Outcome(scored.ModelVersion, scored.Score, scored.PredictedPositive, j.Label, scored.Shadow);
                foreach (var slice in e.Slices)
                {
                    if (!bySlice.TryGetValue(slice, out var list)) bySlice[slice] = list = [];
                    list.Add(outcome);
                }
            }
        }
        foreach (var (slice, outcomes) in bySlice) _slices.Tell(new RecordOutcomes(slice, outcomes));
        _examples.Tell(new AppendExamples(examples));
    }

    private sealed record Expire
    {
        public static readonly Expire Instance = new();
    }
}
