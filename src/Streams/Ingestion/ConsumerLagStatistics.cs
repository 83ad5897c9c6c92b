using System.Globalization;
using System.Text.Json;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Reads the committed lag per partition out of librdkafka's statistics JSON (<c>statistics.interval.ms</c>): for
/// each partition of <c>topics.*.partitions</c> other than the internal -1, <c>consumer_lag</c> is the high
/// watermark minus the committed offset, -1 while either is unknown. Partitions not assigned to this consumer
/// (<c>desired</c> false) are left out, and so are those whose lag is not known yet.
/// </summary>
public static class ConsumerLagStatistics
{
    public static IReadOnlyList<PartitionLag> Parse(string json)
    {
        var lags = new List<PartitionLag>();
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object) return lags;
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object) continue;
            foreach (var partition in partitions.EnumerateObject())
            {
                if (!int.TryParse(partition.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0) continue;
                var p = partition.Value;
                if (p.TryGetProperty("desired", out var desired) && desired.ValueKind == JsonValueKind.False) continue;
                if (!p.TryGetProperty("consumer_lag", out var lag) || !lag.TryGetInt64(out var value) || value < 0) continue;
                lags.Add(new PartitionLag(topic.Name, id, value));
            }
        }
        return lags;
    }
}
