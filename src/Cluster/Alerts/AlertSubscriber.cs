using Akka.Actor;
using StreamMl.Actors.Alerts;
using StreamMl.Actors.Slices;

namespace StreamMl.Cluster.Alerts;

/// <summary>Takes the alerts raised on this node's event stream (slices' drift signals, the registry's model alerts) to the <see cref="AlertPublisher"/>.</summary>
public sealed class AlertSubscriber : ReceiveActor
{
    public const string Name = "alert-subscriber";

    public static Props Props(AlertPublisher publisher) => Akka.Actor.Props.Create(() => new AlertSubscriber(publisher));

    public AlertSubscriber(AlertPublisher publisher)
    {
        Receive<SliceAlertRaised>(publisher.Publish);
        Receive<AlertRaised>(publisher.Publish);
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(SliceAlertRaised));
        Context.System.EventStream.Subscribe(Self, typeof(AlertRaised));
    }
}
