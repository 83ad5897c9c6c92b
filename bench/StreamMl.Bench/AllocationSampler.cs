using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace StreamMl.Bench;

/// <summary>
/// The runtime's allocation samples (one event per about 100 KB allocated, naming the type that crossed the mark),
/// summed by type: where a phase's allocations go, without a profiler.
/// </summary>
public sealed class AllocationSampler() : RuntimeEventSampler(GcKeyword)
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>The types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public IEnumerable<string> Top(int count)
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(t => t.Value).Take(count)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{100.0 * t.Value / total,5:F1} %  {t.Key}"));
    }

    protected override void OnSampled(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)) return;
        var type = Field(e, "TypeName") as string ?? "?";
        var amount = Field(e, "AllocationAmount64") is { } a ? Convert.ToInt64(a, CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
