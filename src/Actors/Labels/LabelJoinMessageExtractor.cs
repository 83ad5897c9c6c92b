using System.Globalization;
using Akka.Cluster.Sharding;
using StreamMl.Core.Labels;

namespace StreamMl.Actors.Labels;

/// <summary>Routes label-join messages to their bucket entity; each bucket is a shard of its own, so buckets spread evenly.</summary>
public sealed class LabelJoinMessageExtractor(int buckets) : HashCodeMessageExtractor(buckets)
{
    public override string? EntityId(object message) => (message as IWithBucket)?.Bucket;

    public override string ShardId(string entityId, object? messageHint = null)
    {
        var index = LabelBuckets.Parse(entityId);
        return index >= 0 ? index.ToString(CultureInfo.InvariantCulture) : base.ShardId(entityId, messageHint);
    }
}
