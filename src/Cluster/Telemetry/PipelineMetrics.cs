using Prometheus;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Telemetry;

/// <summary>Feeds one ingestion pipeline's reports (events or labels) into the node's metrics.</summary>
public sealed class PipelineMetrics(NodeMetrics metrics, string pipeline, Counter consumed, Counter deadLettered, bool measuresLatency) : IPipelineObserver
{
    private readonly Histogram.Child _batchSize = metrics.BatchSize.WithLabels(pipeline);
    private readonly Lock _lagLock = new();
    private HashSet<(string Topic, string Partition)> _lagSeries = [];

    public static PipelineMetrics Events(NodeMetrics m) => new(m, "events", m.EventsConsumed, m.EventsDeadLettered, measuresLatency: true);

    public static PipelineMetrics Labels(NodeMetrics m) => new(m, "labels", m.LabelsConsumed, m.LabelsDeadLettered, measuresLatency: false);

    public void BatchRead(int records)
    {
        consumed.Inc(records);
        _batchSize.Observe(records);
    }

    public void Acknowledged(ReadOnlySpan<long> answeredTimestampsMs, long acknowledgedAtMs)
    {
        if (!measuresLatency) return;
        metrics.EventsPredicted.Inc(answeredTimestampsMs.Length);
        foreach (var produced in answeredTimestampsMs)
            // A record without a timestamp (older producers) has none to measure from; clocks a little apart give ≥ 0.
            if (produced > 0) metrics.EventLatency.Observe(Math.Max(0, acknowledgedAtMs - produced) / 1000.0);
    }

    public void DeadLettered(IReadOnlyList<string> reasonCodes)
    {
        foreach (var reason in reasonCodes) deadLettered.WithLabels(reason).Inc();
    }

    /// <summary>Sets the lag of the partitions held now and removes the series of those no longer held.</summary>
    public void PartitionLag(IReadOnlyList<PartitionLag> partitions)
    {
        var now = partitions.Select(p => (p.Topic, p.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        lock (_lagLock)
        {
            foreach (var p in partitions) metrics.ConsumerLag.WithLabels(p.Topic, p.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(p.Lag);
            foreach (var (topic, partition) in _lagSeries.Where(s => !now.Contains(s))) metrics.ConsumerLag.RemoveLabelled(topic, partition);
            _lagSeries = now;
        }
    }
}
