using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using StreamMl.Actors.Slices;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Retraining;

/// <summary>
/// Passes the drift alarms of the slices on this node (once journaled) to the retraining coordinator,
/// wherever the cluster runs it. Warnings and recoveries stay local: only an alarm can trigger retraining.
/// </summary>
public sealed class DriftAlarmRelay : ReceiveActor
{
    public const string Name = "drift-alarm-relay";

    public static Props Props() => Akka.Actor.Props.Create(() => new DriftAlarmRelay());

    public DriftAlarmRelay()
    {
        Receive<SliceAlertRaised>(raised =>
        {
            if (raised.Signal.Kind != DriftSignalKinds.Drift) return;
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RetrainingTopics.DriftAlarms, Observed(raised)));
        });
    }

    /// <summary>The alarm's id: slice, feature, test and the slice's event count when it fired, so it names one alarm for good.</summary>
    public static DriftAlarmObserved Observed(SliceAlertRaised raised)
    {
        var s = raised.Signal;
        var id = $"{raised.SliceId}/{s.Feature ?? "error"}/{s.Test}@{s.AtEvent.ToString(CultureInfo.InvariantCulture)}";
        return new DriftAlarmObserved(id, raised.SliceId, s.Feature, s.Test, raised.RaisedAt);
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(SliceAlertRaised));
}
