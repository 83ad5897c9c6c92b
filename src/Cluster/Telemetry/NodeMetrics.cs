using Prometheus;

namespace StreamMl.Cluster.Telemetry;

/// <summary>
/// This node's Prometheus metrics, in a registry of its own (a test process may run several nodes), with the .NET
/// runtime's metrics beside them. Names follow Prometheus conventions: <c>streamml_</c>, base units, <c>_total</c>
/// for counters, and only bounded labels (a reason code, a test, a partition: never an event id or a slice value).
/// README, "Metrics and dashboard", lists them all.
/// </summary>
public sealed class NodeMetrics
{
    public NodeMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        // The runtime's: GC collections per generation, managed heap, CPU, memory, threads, handles.
        DotNetStats.Register(Registry);

        EventsConsumed = f.CreateCounter("streamml_events_consumed_total", "Event records read from the events topic by this node.");
        EventsPredicted = f.CreateCounter("streamml_events_predicted_total", "Events answered with a prediction that the broker acknowledged.");
        EventsDeadLettered = f.CreateCounter("streamml_events_dead_lettered_total", "Event records sent to the dead-letter topic, by rejection reason.", "reason");
        LabelsConsumed = f.CreateCounter("streamml_labels_consumed_total", "Label records read from the labels topic by this node.");
        LabelsDeadLettered = f.CreateCounter("streamml_labels_dead_lettered_total", "Label records sent to the dead-letter topic, by rejection reason.", "reason");
        EventLatency = f.CreateHistogram("streamml_event_latency_seconds",
            "From an event's Kafka timestamp (when it was produced) to the broker's acknowledgement of its prediction.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 17) });
        BatchSize = f.CreateHistogram("streamml_batch_records", "Records per batch read from a topic.",
            new HistogramConfiguration { LabelNames = ["pipeline"], Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });
        ConsumerLag = f.CreateGauge("streamml_consumer_lag_records",
            "Records of a partition held by this node's consumer not yet committed (high watermark minus committed offset).", "topic", "partition");
        Checkpoints = f.CreateCounter("streamml_checkpoints_total", "Pipeline checkpoints (slices made durable, then offsets stored), by outcome.", "pipeline", "outcome");
        ProducerReplacements = f.CreateCounter("streamml_kafka_producer_replacements_total", "Kafka producers of this node replaced after a fatal error.");

        LabelJoin = f.CreateCounter("streamml_label_join_total",
            "Label-join outcomes of the buckets hosted on this node: joined, unknown_label, expired_prediction, evicted_prediction, duplicate_label, duplicate_prediction.", "outcome");
        LabelJoinPending = f.CreateGauge("streamml_label_join_pending_predictions", "Predictions waiting for their label in the buckets hosted on this node.");
        LabelJoinWaitingLabels = f.CreateGauge("streamml_label_join_waiting_labels", "Labels waiting for their prediction in the buckets hosted on this node.");
        LabelJoinPendingBytes = f.CreateGauge("streamml_label_join_pending_bytes", "Estimated memory of the predictions waiting in the buckets hosted on this node.");

        SliceEntities = f.CreateGauge("streamml_slice_entities", "Slice entities alive (not passivated) on this node.");
        SliceRecoveries = f.CreateCounter("streamml_slice_recoveries_total", "Slice entities started on this node (each recovers its state from its snapshot and journal).");
        Snapshots = f.CreateCounter("streamml_slice_snapshots_total", "Slice snapshots on this node, by outcome (saved, failed).", "outcome");
        SnapshotDuration = f.CreateHistogram("streamml_slice_snapshot_duration_seconds", "Time to store a slice snapshot.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 15) });
        DriftSignals = f.CreateCounter("streamml_drift_signals_total",
            "Drift signals raised by the slices on this node, by kind (drift, warning, recovered) and test.", "kind", "test");
        DriftAlarmsActive = f.CreateGauge("streamml_drift_alarms_active",
            "Drift alarms raised now in the whole cluster, by test (from the slice directory: the same on every node; aggregate with max).", "test");
        SlicesKnown = f.CreateGauge("streamml_slices", "Slices in the slice directory (the whole cluster; the same on every node).");

        RetrainingRuns = f.CreateCounter("streamml_retraining_runs_total",
            "Retraining runs that ended, by outcome (passed, rejected, failed), from the registry's journal (the whole cluster; aggregate with max).", "outcome");
        ModelAlerts = f.CreateCounter("streamml_model_alerts_total",
            "Model alerts raised by the registry while it runs on this node, by kind (model-rejected, model-refused, training-failed).", "kind");
        ServingModel = f.CreateGauge("streamml_serving_model_info", "1 for each model this node serves, by version and role (champion, challenger) and mode.", "version", "role", "mode");

        OnlineUpdates = f.CreateCounter("streamml_online_model_updates_total", "Labels learnt by this node's replicas of online models (from the label log).");
        OnlineLabelsBehind = f.CreateGauge("streamml_online_model_labels_behind", "Labels in the label log that this node's replica of an online model has not applied yet (the last replica to read the log).");
        OnlineStaleness = f.CreateGauge("streamml_online_model_staleness_seconds", "How long since this node's replica of an online model last applied the whole label log (0 when it has).");
    }

    public CollectorRegistry Registry { get; }

    public Counter EventsConsumed { get; }
    public Counter EventsPredicted { get; }
    public Counter EventsDeadLettered { get; }
    public Counter LabelsConsumed { get; }
    public Counter LabelsDeadLettered { get; }
    public Histogram EventLatency { get; }
    public Histogram BatchSize { get; }
    public Gauge ConsumerLag { get; }
    public Counter Checkpoints { get; }
    public Counter ProducerReplacements { get; }
    public Counter LabelJoin { get; }
    public Gauge LabelJoinPending { get; }
    public Gauge LabelJoinWaitingLabels { get; }
    public Gauge LabelJoinPendingBytes { get; }
    public Gauge SliceEntities { get; }
    public Counter SliceRecoveries { get; }
    public Counter Snapshots { get; }
    public Histogram SnapshotDuration { get; }
    public Counter DriftSignals { get; }
    public Gauge DriftAlarmsActive { get; }
    public Gauge SlicesKnown { get; }
    public Counter RetrainingRuns { get; }
    public Counter ModelAlerts { get; }
    public Gauge ServingModel { get; }
    public Counter OnlineUpdates { get; }
    public Gauge OnlineLabelsBehind { get; }
    public Gauge OnlineStaleness { get; }

    /// <summary>Writes every metric in the Prometheus text format (version 0.0.4).</summary>
    public Task ExportAsync(Stream destination, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(destination, cancellationToken);
}
