using Akka.Actor;
using StreamMl.Core.Quality;

namespace StreamMl.Actors.Slices;

/// <summary>
/// Gathers the outcomes this node's label-join buckets send to slices and passes each slice's on in one message per
/// flush. Every bucket joins a few labels of each slice per label batch; sent as they were, those small messages were
/// most of the traffic through the slices' shard region (each through the region, its shard and the slice). A slice's
/// outcomes are passed on as the lists they came in (<see cref="OutcomeRun"/>), not copied into one.
/// </summary>
/// <remarks>
/// A flush comes <see cref="FlushAfter"/> after the first outcome that waits, or at once when
/// <see cref="MaxWaiting"/> outcomes wait, and when the batcher stops. A slice's outcomes keep their order. Outcomes
/// are told, not acknowledged, as they were from the buckets: a crash loses those waiting, at most one flush's worth.
/// </remarks>
public sealed class SliceOutcomeBatcher : ReceiveActor, IWithTimers
{
    public const string Name = "slice-outcomes";
    public static readonly TimeSpan DefaultFlushAfter = TimeSpan.FromMilliseconds(50);
    public const int DefaultMaxWaiting = 20_000;

    private readonly IActorRef _slices;
    private readonly Dictionary<string, OutcomeRun> _waiting = new(StringComparer.Ordinal);
    /// <summary>How many messages each slice's outcomes came in before its last flush: the room its next run starts with.</summary>
    private readonly Dictionary<string, int> _lastFlushed = new(StringComparer.Ordinal);
    private int _count;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>How long the first waiting outcome waits for others before a flush.</summary>
    public TimeSpan FlushAfter { get; }

    /// <summary>How many outcomes may wait before a flush that does not wait for the timer.</summary>
    public int MaxWaiting { get; }

    /// <param name="slices">The slices' shard region (or proxy).</param>
    public static Props Props(IActorRef slices, TimeSpan? flushAfter = null, int maxWaiting = DefaultMaxWaiting) =>
        Akka.Actor.Props.Create(() => new SliceOutcomeBatcher(slices, flushAfter ?? DefaultFlushAfter, maxWaiting));

    public SliceOutcomeBatcher(IActorRef slices, TimeSpan flushAfter, int maxWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(flushAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWaiting, 1);
        _slices = slices;
        FlushAfter = flushAfter;
        MaxWaiting = maxWaiting;
        Receive<RecordOutcomes>(Add);
        Receive<Flush>(_ => FlushAll());
    }

    private void Add(RecordOutcomes command)
    {
        if (command.Outcomes.Count == 0) return;
        if (!_waiting.TryGetValue(command.SliceId, out var waiting))
            _waiting[command.SliceId] = waiting = new OutcomeRun(_lastFlushed.GetValueOrDefault(command.SliceId));
        waiting.Add(command.Outcomes);
        if (_count == 0) Timers.StartSingleTimer(Flush.Instance, Flush.Instance, FlushAfter);
        _count += command.Outcomes.Count;
        if (_count >= MaxWaiting)
        {
            Timers.Cancel(Flush.Instance);
            FlushAll();
        }
    }

    private void FlushAll()
    {
        foreach (var (slice, outcomes) in _waiting)
        {
            _slices.Tell(new RecordOutcomes(slice, outcomes));
            _lastFlushed[slice] = outcomes.Parts;
        }
        _waiting.Clear();
        _count = 0;
    }

    protected override void PostStop() => FlushAll();

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }
}
