namespace StreamMl.Cluster.Hosting;

/// <summary>The Prometheus endpoint, <c>/metrics</c>.</summary>
public sealed class MetricsSettings
{
    /// <summary>
    /// Whether the node keeps and serves its metrics. Default true; false turns every instrument into a no-op (and
    /// <c>/metrics</c> answers 404), which is how <c>bench e2e --metrics off</c> measures what they cost.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>The slice entities.</summary>
public sealed class SliceSettings
{
    /// <summary>
    /// Seconds a slice may stay idle before it is passivated (snapshotted and stopped, to wake on its next event).
    /// Default 300.
    /// </summary>
    public int PassivateIdleAfterSeconds { get; set; } = 300;
}
