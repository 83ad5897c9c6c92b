using Akka.Actor;
using Akka.DistributedData;
using StreamMl.Core.Operations;

namespace StreamMl.Actors.Operations;

/// <summary>
/// Follows the replicated slice-figures maps and hands every slice's figures to <c>onFigures</c> as they change
/// (Akka.DistributedData notifies subscribers of a changed map at most every half second, with the whole map).
/// </summary>
public sealed class SliceFiguresFeed : ReceiveActor
{
    public const string Name = "slice-figures-feed";

    public static Props Props(Action<IEnumerable<KeyValuePair<string, SliceFigures>>> onFigures) =>
        Akka.Actor.Props.Create(() => new SliceFiguresFeed(onFigures));

    public SliceFiguresFeed(Action<IEnumerable<KeyValuePair<string, SliceFigures>>> onFigures)
    {
        Receive<Changed>(changed => onFigures(changed.Get((LWWDictionaryKey<string, SliceFigures>)changed.Key).Entries));
    }

    protected override void PreStart()
    {
        var replicator = DistributedData.Get(Context.System).Replicator;
        foreach (var key in SliceFiguresKeys.All) replicator.Tell(Dsl.Subscribe(key, Self));
    }
}
