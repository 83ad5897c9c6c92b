using Akka.Actor;
using StreamMl.Actors.Alerts;
using StreamMl.Actors.Slices;

namespace StreamMl.Cluster.Telemetry;

/// <summary>
/// Counts what the actors of this node publish on its event stream: slice recoveries, snapshots and their duration,
/// drift signals by kind and test, and the registry's model alerts by kind.
/// </summary>
public sealed class TelemetrySubscriber : ReceiveActor
{
    public const string Name = "telemetry";

    public static Props Props(NodeMetrics metrics) => Akka.Actor.Props.Create(() => new TelemetrySubscriber(metrics));

    public TelemetrySubscriber(NodeMetrics metrics)
    {
        Receive<SliceRecovered>(_ => metrics.SliceRecoveries.Inc());
        Receive<SliceCheckpointed>(c =>
        {
            metrics.Snapshots.WithLabels("saved").Inc();
            metrics.SnapshotDuration.Observe(c.SaveDuration.TotalSeconds);
        });
        Receive<SliceSnapshotFailed>(f =>
        {
            metrics.Snapshots.WithLabels("failed").Inc();
            metrics.SnapshotDuration.Observe(f.SaveDuration.TotalSeconds);
        });
        Receive<SliceAlertRaised>(a => metrics.DriftSignals.WithLabels(a.Signal.Kind, a.Signal.Test).Inc());
        Receive<AlertRaised>(a => metrics.ModelAlerts.WithLabels(a.Alert.Kind).Inc());
    }

    protected override void PreStart()
    {
        foreach (var type in new[] { typeof(SliceRecovered), typeof(SliceCheckpointed), typeof(SliceSnapshotFailed), typeof(SliceAlertRaised), typeof(AlertRaised) })
            Context.System.EventStream.Subscribe(Self, type);
    }
}
