namespace StreamMl.Cluster.Hosting;

/// <summary>Registry key of the proxy to the model registry singleton (<c>IRequiredActor&lt;ModelRegistryProxy&gt;</c>).</summary>
public sealed class ModelRegistryProxy;

/// <summary>Registry key of the proxy to the retraining coordinator singleton.</summary>
public sealed class RetrainingCoordinatorProxy;

/// <summary>Registry key of the label join shard region.</summary>
public sealed class LabelJoinRegion;
