using Akka.Actor;
using Akka.Event;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;

namespace StreamMl.Actors.Labels;

/// <summary>
/// Appends this node's labelled events to the shared training example store in batches, off the
/// ingestion path: one write at a time, flushed every half second or every thousand examples, and
/// trimmed now and then to the store's bound. Examples are at-most-once: a crash loses the buffer,
/// which costs a few training examples and nothing else.
/// </summary>
public sealed class ExampleWriter : ReceiveActor, IWithTimers
{
    public const string Name = "example-writer";

    private const int FlushAt = 1000;
    /// <summary>Examples held while the store is unreachable before the oldest are dropped.</summary>
    private const int MaxBuffered = 200_000;
    /// <summary>The largest list kept for the next buffer once written; a larger one (from a backlog) is let go.</summary>
    private const int MaxRecycled = 65_536;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TrimInterval = TimeSpan.FromMinutes(1);

    private readonly IExampleStore _store;
    private readonly long _keep;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private List<TrainingExample> _buffer = [];
    /// <summary>The list of the last batch written, emptied, to buffer the next one: the buffer does not grow again from empty after every write.</summary>
    private List<TrainingExample>? _spare;
    private bool _writing;
    private long _dropped;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IExampleStore store, long keep) => Akka.Actor.Props.Create(() => new ExampleWriter(store, keep));

    public ExampleWriter(IExampleStore store, long keep)
    {
        _store = store;
        _keep = keep;
        Receive<AppendExamples>(c =>
        {
            _buffer.AddRange(c.Examples);
            if (_buffer.Count > MaxBuffered)
            {
                var over = _buffer.Count - MaxBuffered;
                _buffer.RemoveRange(0, over);
                _dropped += over;
                _log.Warning("The example store is behind: dropped {0} examples so far", _dropped);
            }
            if (_buffer.Count >= FlushAt) Flush();
        });
        Receive<FlushTick>(_ => Flush());
        Receive<Written>(w =>
        {
            _writing = false;
            Recycle(w.Batch);
            if (_buffer.Count >= FlushAt) Flush();
        });
        Receive<WriteFailed>(f =>
        {
            _writing = false;
            _log.Warning("Appending {0} training examples failed; retrying: {1}", f.Batch.Count, f.Cause.Message);
            _buffer.InsertRange(0, f.Batch);
            Recycle(f.Batch);
        });
        Receive<TrimTick>(_ => _store.TrimAsync(_keep, CancellationToken.None).ContinueWith(t =>
        {
            if (t.IsFaulted) _log.Warning("Trimming the example store failed: {0}", t.Exception!.GetBaseException().Message);
        }, TaskScheduler.Default));
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, FlushInterval);
        Timers.StartPeriodicTimer("trim", TrimTick.Instance, TrimInterval);
    }

    protected override void PostStop()
    {
        // A graceful stop writes what is buffered.
        if (_buffer.Count > 0 && !_writing)
            _store.AppendAsync(_buffer, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
    }

    private void Flush()
    {
        if (_writing || _buffer.Count == 0) return;
        _writing = true;
        var batch = _buffer;
        _buffer = _spare ?? [];
        _spare = null;
        _store.AppendAsync(batch, CancellationToken.None).ContinueWith<object>(
            t => t.IsFaulted ? new WriteFailed(batch, t.Exception!.GetBaseException()) : new Written(batch),
            TaskScheduler.Default).PipeTo(Self);
    }

    /// <summary>Keeps a batch's list, emptied, for the next buffer, unless it grew while the store was behind.</summary>
    private void Recycle(List<TrainingExample> batch)
    {
        if (batch.Capacity > MaxRecycled) return;
        batch.Clear();
        _spare = batch;
    }

    private sealed record Written(List<TrainingExample> Batch);

    private sealed record WriteFailed(List<TrainingExample> Batch, Exception Cause);

    private sealed record FlushTick
    {
        public static readonly FlushTick Instance = new();
    }

    private sealed record TrimTick
    {
        public static readonly TrimTick Instance = new();
    }
}
