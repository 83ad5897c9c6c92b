using Akka.Actor;
using Akka.DistributedData;
using StreamMl.Actors.Slices;
using StreamMl.Core.Operations;

namespace StreamMl.Actors.Operations;

/// <summary>
/// Writes the figures of this node's slices into the replicated slice-figures maps: it collects the
/// <see cref="SliceCheckpointed"/> notices of the node's event stream and writes them once a second, one update per
/// map, so that thousands of slices checkpointing cost a few local writes, gossiped to the other nodes.
/// </summary>
public sealed class SliceFiguresWriter : ReceiveActor, IWithTimers
{
    public const string Name = "slice-figures-writer";
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, SliceFigures> _pending = new(StringComparer.Ordinal);
    private readonly IActorRef _replicator;
    private readonly Akka.Cluster.Cluster _cluster;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() => Akka.Actor.Props.Create(() => new SliceFiguresWriter());

    public SliceFiguresWriter()
    {
        _replicator = DistributedData.Get(Context.System).Replicator;
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<SliceCheckpointed>(c => _pending[c.SliceId] = c.Figures);
        Receive<Flush>(_ => WritePending());
        // Local writes do not fail; a lost update is replaced by the slice's next checkpoint.
        Receive<IUpdateResponse>(_ => { });
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SliceCheckpointed));
        Timers.StartPeriodicTimer("flush", Flush.Instance, FlushInterval);
    }

    private void WritePending()
    {
        if (_pending.Count == 0) return;
        var self = _cluster.SelfUniqueAddress;
        foreach (var group in _pending.GroupBy(p => SliceFiguresKeys.For(p.Key)))
        {
            var updates = group.ToList();
            _replicator.Tell(Dsl.Update(group.Key, LWWDictionary<string, SliceFigures>.Empty, WriteLocal.Instance, map =>
            {
                foreach (var (sliceId, figures) in updates)
                    map = map.SetItem(self, sliceId, figures.After(map.TryGetValue(sliceId, out var earlier) ? earlier : null));
                return map;
            }));
        }
        _pending.Clear();
    }

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }
}
