using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Actors.Alerts;
using StreamMl.Actors.Slices;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Contracts;
using StreamMl.Core.Slices;
using StreamMl.Cluster.Ingestion;

namespace StreamMl.Cluster.Alerts;

/// <summary>
/// Writes the alerts raised on this node to the alerts topic: the drift alerts of its slices (key = slice id)
/// and the model alerts of the registry when it runs here (key = alert kind). <see cref="AlertSubscriber"/> hands
/// them over from the actor system's event stream. Without Kafka settings the alerts are only logged.
/// </summary>
public sealed class AlertPublisher(NodeSettings settings, NodeProducer nodeProducer, ILogger<AlertPublisher> logger)
{
    private long _published;

    /// <summary>Alerts acknowledged by the broker since the node started.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>The alert record of a slice's drift signal.</summary>
    public static AlertRecord ToAlert(SliceAlertRaised raised)
    {
        var s = raised.Signal;
        var detail = string.Join("; ", new[]
        {
            s.PValue is { } p ? $"p-value {p.ToString("G4", CultureInfo.InvariantCulture)}" : null,
            s.WindowIndex is { } w ? $"window {w}" : null,
            s.Kind == DriftSignalKinds.Drift && s.Detections > 1 ? $"detection {s.Detections} of the alarm raised at event {s.RaisedAtEvent}" : null,
        }.Where(part => part is not null));
        return new AlertRecord(s.Kind, raised.SliceId, s.Feature, s.Test, s.Statistic, s.Threshold, s.WindowStart, s.WindowEnd,
            raised.RaisedAt, detail.Length > 0 ? detail : null, s.AtEvent, s.ModelVersion, s.PValue, s.RaisedAtEvent, s.Detections);
    }

    public void Publish(SliceAlertRaised raised)
    {
        var alert = ToAlert(raised);
        logger.LogInformation("Drift alert: {Kind} on slice {Slice}, {Feature} by {Test} ({Detail})", alert.Kind, alert.Slice, alert.Feature, alert.Test, alert.Detail);
        Produce(raised.SliceId, alert);
    }

    public void Publish(AlertRaised raised)
    {
        logger.LogInformation("Model alert: {Kind} ({Detail})", raised.Alert.Kind, raised.Alert.Detail);
        Produce(raised.Key, raised.Alert);
    }

    private void Produce(string key, AlertRecord alert)
    {
        if (!nodeProducer.IsConfigured) return;
        nodeProducer.Producer.Produce(settings.Kafka.AlertsTopic, new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = JsonSerializer.SerializeToUtf8Bytes(alert, ContractsJsonContext.Default.AlertRecord),
        }, report =>
        {
            if (report.Error.IsError) logger.LogError("Alert {Kind} for {Key} not delivered: {Reason}", alert.Kind, key, report.Error.Reason);
            else Interlocked.Increment(ref _published);
        });
    }
}
