namespace StreamMl.Core.Operations;

/// <summary>
/// What a node's serving path reports of an online model, for the node's metrics
/// (<c>streamml_online_model_updates_total</c>, <c>streamml_online_model_labels_behind</c>,
/// <c>streamml_online_model_staleness_seconds</c>). The node registers one in its services (a no-op when metrics are
/// off); calls must be cheap and may come from any thread.
/// </summary>
public interface IServingMetrics
{
    /// <summary>The node's serving copy of the online model learnt <paramref name="labels"/> more labels.</summary>
    void OnlineModelUpdated(long labels);

    /// <summary>
    /// The serving copy's freshness: how many labels the learner has learnt that it has not, and how long ago the
    /// learner was where the copy is now.
    /// </summary>
    void OnlineModelFreshness(long labelsBehind, TimeSpan behind);
}

/// <summary>Serving metrics that go nowhere: metrics are off, or a test does not look.</summary>
public sealed class NoServingMetrics : IServingMetrics
{
    public static readonly NoServingMetrics Instance = new();

    public void OnlineModelUpdated(long labels) { }
    public void OnlineModelFreshness(long labelsBehind, TimeSpan behind) { }
}
