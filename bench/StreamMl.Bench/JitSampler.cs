using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace StreamMl.Bench;

/// <summary>
/// The runtime's JIT events (one as a method's compilation starts, naming its type, and one as it is loaded), counted
/// and timed by the type's namespace: what the JIT still compiles in a measured span and how long it takes, and whether
/// it is code reached late (the same methods at a higher tier) or code made at run time (dynamic methods, which each
/// new instance of their maker compiles anew). The time is from start to load on the compiling thread, so it includes
/// that thread's waits for a core.
/// </summary>
public sealed class JitSampler() : RuntimeEventSampler(JitKeyword)
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<string, int> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _milliseconds = new(StringComparer.Ordinal);
    /// <summary>Per compiling thread, when its method started and the method's group.</summary>
    private readonly ConcurrentDictionary<long, (DateTime Started, string Group)> _compiling = new();

    /// <summary>The namespaces whose methods took the JIT longest: methods compiled, compile time, one method's name as an example.</summary>
    public IEnumerable<string> Top(int count) => _methods.OrderByDescending(t => _milliseconds.GetValueOrDefault(t.Key)).Take(count)
        .Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.Value,6} {_milliseconds.GetValueOrDefault(t.Key),8:F0} ms  {t.Key}  (e.g. {_examples.GetValueOrDefault(t.Key, "?")})"));

    protected override void OnSampled(EventWrittenEventArgs e)
    {
        if (e.EventName is null) return;
        if (e.EventName.StartsWith("MethodLoad", StringComparison.Ordinal))
        {
            if (_compiling.TryRemove(e.OSThreadId, out var started))
            {
                var milliseconds = (e.TimeStamp - started.Started).TotalMilliseconds;
                _milliseconds.AddOrUpdate(started.Group, milliseconds, (_, sum) => sum + milliseconds);
            }
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
