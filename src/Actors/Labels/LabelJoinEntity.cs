using Akka.Actor;
using Akka.Event;
using StreamMl.Actors.Slices;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Quality;
using StreamMl.Core.Slices;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Labels;

/// <summary>
/// One bucket of the label join, a sharded entity: predictions without a label wait here, late labels
/// meet them by event id within the horizon, and each join becomes a labelled outcome in every slice
/// of the event and a training example, and, when an online model scored the event, an example in the label log.
/// The waiting predictions live in memory only; a bucket that moves or crashes loses them, and their labels are
/// then counted as unknown. Labels are acknowledged only once their examples are in the label log, so a label
/// consumer never commits a label an online model has not got.
/// </summary>
public sealed class LabelJoinEntity : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(5);

    private readonly string _bucket;
    private readonly LabelJoin _join;
    /// <summary>The table that gathers each delivery's outcomes by slice, kept from one delivery to the next.</summary>
    private readonly SliceGroups<Outcome> _outcomesBySlice = new();
    /// <summary>The joins of the message being handled; emptied once delivered (a delivery keeps none), and kept for the next.</summary>
    private readonly List<JoinedLabel> _joined = [];
    private readonly IActorRef _slices;
    private readonly IActorRef _examples;
    private readonly ILearningLog? _learningLog;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="maxPendingBytes">The memory this bucket's waiting predictions may take (by their estimate).</param>
    /// <param name="slices">Where the outcomes go: the slices' region, or the node's <see cref="SliceOutcomeBatcher"/> in front of it.</param>
    /// <param name="learningLog">Where online models' examples go; null on a node without Kafka (then none are written).</param>
    public static Props Props(string bucket, TimeSpan horizon, int capacity, long maxPendingBytes, IActorRef slices, IActorRef examples,
        ILearningLog? learningLog = null) =>
        Akka.Actor.Props.Create(() => new LabelJoinEntity(bucket, horizon, capacity, maxPendingBytes, slices, examples, learningLog));

    public LabelJoinEntity(string bucket, TimeSpan horizon, int capacity, long maxPendingBytes, IActorRef slices, IActorRef examples,
        ILearningLog? learningLog)
    {
        _bucket = bucket;
        _join = new LabelJoin(horizon, capacity, maxPendingBytes);
        _slices = slices;
        _examples = examples;
        _learningLog = learningLog;
        Receive<PredictionsIssued>(c =>
        {
            var now = DateTimeOffset.UtcNow;
            var joined = _joined;
            var predictions = c.Predictions;
            for (var i = 0; i < predictions.Count; i++) _join.Prefetch(predictions[i].Event.Id);
            for (var i = 0; i < predictions.Count; i++)
                if (_join.AddPrediction(predictions[i], now) is { } early) joined.Add(early);
            Deliver(joined, now);
            joined.Clear();
        });
        Receive<LabelsArrived>(c =>
        {
            var now = DateTimeOffset.UtcNow;
            var joined = _joined;
            var labels = c.Labels;
            for (var i = 0; i < labels.Count; i++) _join.Prefetch(labels[i].Id);
            _join.PrefetchForgotten(labels.Count);
            for (var i = 0; i < labels.Count; i++)
                if (_join.AddLabel(labels[i].Id, labels[i].Label, now) is { } match) joined.Add(match);
            var accepted = new LabelsAccepted(_bucket, joined.Count);
            var learnt = Deliver(joined, now);
            joined.Clear();
            if (learnt is not null) AcceptOnceLearnt(learnt, accepted, Sender);
            else Sender.Tell(accepted);
        });
        Receive<GetLabelJoinCounters>(_ => Sender.Tell(new LabelJoinCountersReply(_bucket, _join.Counters, _join.PendingPredictions, _join.WaitingLabels, _join.PendingBytes)));
        Receive<Expire>(_ => _join.Expire(DateTimeOffset.UtcNow));
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("expire", Expire.Instance, ExpiryInterval);


    /// <summary>
    /// Each join becomes an outcome per scoring model in every slice of the event, one training example, and an example
    /// in the label log when an online model scored it; the task, when there is one, completes once those are in the log.
    /// </summary>
    private Task? Deliver(List<JoinedLabel> joined, DateTimeOffset now)
    {
        if (joined.Count == 0) return null;
        // Each slice's outcomes go in one array of their exact number: counted first, then filled.
        var bySlice = _outcomesBySlice;
        bySlice.Clear();
        foreach (var j in joined)
        {
            var slices = j.Prediction.Event.Slices;
            for (var s = 0; s < slices.Length; s++) bySlice.Count(slices[s], j.Prediction.ScoreCount);
        }
        bySlice.Allocate();
        var examples = new List<TrainingExample>(joined.Count);
        foreach (var j in joined)
        {
            var e = j.Prediction.Event;
            examples.Add(j.Example);
            for (var i = 0; i < j.Prediction.ScoreCount; i++)
            {
                var scored = j.Prediction.ScoreAt(i);
                var outcome = new Outcome(scored.ModelVersion, scored.Score, scored.PredictedPositive, j.Label, scored.Shadow);
                for (var s = 0; s < e.Slices.Length; s++) bySlice.Add(e.Slices[s], outcome);
            }
        }
        foreach (var (slice, outcomes) in bySlice.All()) _slices.Tell(new RecordOutcomes(slice, outcomes));
        _examples.Tell(new AppendExamples(examples));
        if (_learningLog is null) return null;
        var arrived = now.ToUnixTimeMilliseconds();
        List<LearningRecord>? toLearn = null;
        foreach (var j in joined)
            if (j.ToLearn(arrived) is { } example) (toLearn ??= []).Add(example);
        return toLearn is null ? null : AppendUntilWritten(_learningLog, toLearn, _log);
    }

    /// <summary>Acknowledges the labels to <paramref name="sender"/> once their examples are in the label log.</summary>
    private static void AcceptOnceLearnt(Task learnt, LabelsAccepted accepted, IActorRef sender) =>
        learnt.ContinueWith(_ => (object)accepted, TaskScheduler.Default).PipeTo(sender);

    /// <summary>Appends to the label log, trying again every second while the broker cannot take the records.</summary>
    private static async Task AppendUntilWritten(ILearningLog log, List<LearningRecord> records, ILoggingAdapter logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e)
            {
                if (attempt == 1 || attempt % 60 == 0)
                    logger.Warning("Appending {0} examples to the label log failed (attempt {1}); trying again: {2}", records.Count, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    private sealed record Expire
    {
        public static readonly Expire Instance = new();
    }
}
