using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace StreamMl.Bench;

/// <summary>
/// The runtime's JIT events (one per method compiled, naming its type), counted by the type's namespace: what the JIT
/// still compiles in a measured span, and whether it is code reached late (the same methods at a higher tier) or code
/// made at run time (dynamic methods, which each new instance of their maker compiles anew).
/// </summary>
public sealed class JitSampler() : RuntimeEventSampler(JitKeyword)
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<string, int> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _milliseconds = new(StringComparer.Ordinal);
    /// <summary>Per compiling thread, when its method started and the method's group.</summary>
    private readonly ConcurrentDictionary<long, (DateTime Started, string Group)> _compiling = new();

    /// <summary>The namespaces with the most methods compiled, each with one method's name as an example.</summary>
    public IEnumerable<string> Top(int count) => _methods.OrderByDescending(t => _milliseconds.GetValueOrDefault(t.Key)).Take(count)
        .Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.Value,6} {_milliseconds.GetValueOrDefault(t.Key),8:F0} ms  {t.Key}  (e.g. {_examples.GetValueOrDefault(t.Key, "?")})"));

    protected override void OnSampled(EventWrittenEventArgs e)
    {
        if (e.EventName is null) return;
        if (e.EventName.StartsWith("MethodLoad", StringComparison.Ordinal))
        {
            if (_compiling.TryRemove(e.OSThreadId, out var started))
                _milliseconds.AddOrUpdate(started.Group, (e.TimeStamp - started.Started).TotalMilliseconds, (_, sum) => sum + (e.TimeStamp - started.Started).TotalMilliseconds);
            return;
        }
        if (!e.EventName.StartsWith("MethodJittingStarted", StringComparison.Ordinal)) return;
        var type = Field(e, "MethodNamespace") as string ?? "?";
        var group = Group(type);
        _methods.AddOrUpdate(group, 1, (_, sum) => sum + 1);
        _examples.TryAdd(group, $"{type}.{Field(e, "MethodName") as string ?? "?"}");
        _compiling[e.OSThreadId] = (e.TimeStamp, group);
    }

    /// <summary>The first two segments of a namespace-qualified type name, generic arguments left out.</summary>
    private static string Group(string type)
    {
        var plain = type.Split('[', '`')[0];
        var parts = plain.Split('.');
        return parts.Length <= 2 ? plain : $"{parts[0]}.{parts[1]}";
    }
}
