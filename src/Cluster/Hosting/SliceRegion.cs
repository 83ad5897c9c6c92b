namespace StreamMl.Cluster.Hosting;

/// <summary>Registry key of the slice shard region (<c>IRequiredActor&lt;SliceRegion&gt;</c>).</summary>
public sealed class SliceRegion;
