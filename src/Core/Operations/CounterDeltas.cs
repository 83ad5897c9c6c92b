namespace StreamMl.Core.Operations;

/// <summary>
/// Turns counters that restart from zero (those of an entity that moved to another node or restarted) into
/// increments of a counter that never goes down: a reading below the last one is a restart, and counts whole.
/// Not thread-safe.
/// </summary>
public sealed class CounterDeltas
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>The increment since the last reading of <paramref name="source"/>.</summary>
    public long Increment(string source, long reading)
    {
        var last = _last.GetValueOrDefault(source);
        _last[source] = reading;
        return reading >= last ? reading - last : reading;
    }

    /// <summary>Forgets sources no longer read here, so that their return counts from zero.</summary>
    public void Keep(IReadOnlySet<string> sources)
    {
        foreach (var gone in _last.Keys.Where(k => !sources.Contains(k)).ToList()) _last.Remove(gone);
    }
}
