using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Core.Ingestion;

namespace StreamMl.Streams.Ingestion;

/// <summary>A batch whose records are all answered (answers and dead letters acknowledged by the broker).</summary>
/// <param name="Offsets">The highest offset of the batch in each partition it read.</param>
/// <param name="Receipt">What the batch handed on, for the checkpoint to make durable; none when it had no valid record.</param>
public sealed record AnsweredBatch<TReceipt>(IReadOnlyDictionary<TopicPartition, Offset> Offsets, TReceipt? Receipt, bool HasReceipt);

/// <summary>
/// The last stage of a pipeline, owner of its offsets: it collects answered batches and, every checkpoint interval
/// (busy or idle), asks the handler to make them durable, then stores their offsets, which the consumer commits.
/// One checkpoint runs at a time, so offsets are stored in increasing order; a failed one leaves its batches for the
/// next. When the stream ends (a graceful stop) it takes a last checkpoint before its task completes.
/// </summary>
internal sealed class CheckpointSink<TReceipt> : GraphStageWithMaterializedValue<SinkShape<AnsweredBatch<TReceipt>>, Task>
{
    private readonly Func<IReadOnlyList<TReceipt>, CancellationToken, Task<Durability>> _makeDurable;
    private readonly Action<TopicPartitionOffset> _store;
    private readonly BatchPipelineOptions _options;
    private readonly PipelineCounters _counters;
    private readonly ILogger _logger;

    /// <param name="makeDurable">Makes the receipts' batches durable; false (or a failure) leaves them for the next checkpoint.</param>
    /// <param name="store">Stores the highest processed offset of a partition.</param>
    public CheckpointSink(Func<IReadOnlyList<TReceipt>, CancellationToken, Task<Durability>> makeDurable, Action<TopicPartitionOffset> store,
        BatchPipelineOptions options, PipelineCounters counters, ILogger logger)
    {
        _makeDurable = makeDurable;
        _store = store;
        _options = options;
        _counters = counters;
        _logger = logger;
        Shape = new SinkShape<AnsweredBatch<TReceipt>>(In);
    }

    public Inlet<AnsweredBatch<TReceipt>> In { get; } = new("checkpoint.in");

    public override SinkShape<AnsweredBatch<TReceipt>> Shape { get; }

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task>(new Logic(this, completion), completion.Task);
    }

    private sealed class Logic : TimerGraphStageLogic, IInHandler
    {
        private const string TimerKey = "checkpoint";
        private readonly CheckpointSink<TReceipt> _stage;
        private readonly TaskCompletionSource _completion;
        private readonly Action<(Durability Outcome, Covered Covered)> _onCheckpointed;
        private Covered _pending = new();
        private bool _running;
        private bool _finishing;
        private bool _finalStarted;

        public Logic(CheckpointSink<TReceipt> stage, TaskCompletionSource completion) : base(stage.Shape)
        {
            _stage = stage;
            _completion = completion;
            _onCheckpointed = GetAsyncCallback<(Durability, Covered)>(OnCheckpointed);
            SetHandler(stage.In, this);
        }

        public override void PreStart()
        {
            Pull(_stage.In);
            ScheduleRepeatedly(TimerKey, _stage._options.CheckpointInterval);
        }

        public void OnPush()
        {
            _pending.Add(Grab(_stage.In));
            Pull(_stage.In);
        }

        public void OnUpstreamFinish()
        {
            // Stay alive for the last checkpoint.
            SetKeepGoing(true);
            _finishing = true;
            CancelTimer(TimerKey);
            if (!_running) StartFinal();
        }

        public void OnUpstreamFailure(Exception e)
        {
            _completion.TrySetException(e);
            FailStage(e);
        }

        protected override void OnTimer(object timerKey)
        {
            if (!_running && !_pending.IsEmpty) Start(_stage._options.CheckpointTimeout);
        }

        public override void PostStop() => _completion.TrySetResult();

        private void StartFinal()
        {
            _finalStarted = true;
            Start(_stage._options.FinalCheckpointTimeout);
        }

        private void Start(TimeSpan timeout)
        {
            if (_pending.IsEmpty)
            {
                if (_finishing) Finish();
                return;
            }
            var covered = _pending;
            _pending = new Covered();
            _running = true;
            var cts = new CancellationTokenSource(timeout);
            Task<Durability> work;
            try
            {
                work = covered.Receipts.Count == 0 ? Task.FromResult(Durability.Done) : _stage._makeDurable(covered.Receipts, cts.Token);
            }
            catch (Exception e)
            {
                work = Task.FromException<Durability>(e);
            }
            work.ContinueWith(t =>
            {
                cts.Dispose();
                var outcome = t.IsCompletedSuccessfully ? t.Result
                    : Durability.NotYet(t.IsCanceled ? $"it took longer than {timeout.TotalSeconds:0} s" : t.Exception!.GetBaseException().Message);
                _onCheckpointed((outcome, covered));
            }, TaskScheduler.Default);
        }

        private void OnCheckpointed((Durability Outcome, Covered Covered) result)
        {
            _running = false;
            var durable = result.Outcome.Durable;
            _stage._counters.AddCheckpoint(durable);
            if (durable)
            {
                foreach (var (partition, offset) in result.Covered.Offsets) _stage._store(new TopicPartitionOffset(partition, offset));
            }
            else
            {
                _stage._logger.LogWarning("A checkpoint could not make {Batches} answered batches durable: {Problem}; their offsets wait for the next one",
                    result.Covered.Batches, result.Outcome.Problem);
                // The older batches go first: the next checkpoint covers them and what came since.
                result.Covered.Add(_pending);
                _pending = result.Covered;
            }
            // Stopping: one last checkpoint covers what is left; if that one fails too, the offsets stay where they were.
            if (_finishing)
            {
                if (durable || !_finalStarted) StartFinal();
                else Finish();
            }
        }

        private void Finish()
        {
            _completion.TrySetResult();
            CompleteStage();
        }
    }

    /// <summary>The batches a checkpoint covers: their receipts, oldest first, and the highest offset per partition.</summary>
    private sealed class Covered
    {
        public readonly List<TReceipt> Receipts = [];
        public readonly Dictionary<TopicPartition, Offset> Offsets = [];
        public int Batches;

        public bool IsEmpty => Batches == 0;

        public void Add(AnsweredBatch<TReceipt> batch)
        {
            Batches++;
            if (batch.HasReceipt) Receipts.Add(batch.Receipt!);
            foreach (var (partition, offset) in batch.Offsets) Raise(partition, offset);
        }

        public void Add(Covered later)
        {
            Batches += later.Batches;
            Receipts.AddRange(later.Receipts);
            foreach (var (partition, offset) in later.Offsets) Raise(partition, offset);
        }

        private void Raise(TopicPartition partition, Offset offset)
        {
            if (!Offsets.TryGetValue(partition, out var known) || offset > known) Offsets[partition] = offset;
        }
    }
}
