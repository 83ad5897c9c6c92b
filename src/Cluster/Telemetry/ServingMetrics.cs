using StreamMl.Core.Operations;

namespace StreamMl.Cluster.Telemetry;

/// <summary>The online model's updates and freshness, into the node's metrics.</summary>
public sealed class ServingMetrics(NodeMetrics metrics) : IServingMetrics
{
    public void OnlineModelUpdated(long labels) => metrics.OnlineUpdates.Inc(labels);

    public void OnlineModelFreshness(long labelsBehind, TimeSpan behind)
    {
        metrics.OnlineLabelsBehind.Set(labelsBehind);
        metrics.OnlineStaleness.Set(behind.TotalSeconds);
    }
}
