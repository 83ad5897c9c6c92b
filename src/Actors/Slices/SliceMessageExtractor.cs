using Akka.Cluster.Sharding;

namespace StreamMl.Actors.Slices;

/// <summary>Routes slice messages to their entity by slice id.</summary>
/// <remarks>
/// 60 shards: about ten times the largest cluster we expect, so that shards can be spread evenly
/// when nodes join or leave, while each shard still holds several slices.
/// </remarks>
public sealed class SliceMessageExtractor() : HashCodeMessageExtractor(ShardCount)
{
    public const int ShardCount = 60;

    public override string? EntityId(object message) => (message as IWithSliceId)?.SliceId;
}
