using System.Collections.Concurrent;

namespace StreamMl.Core.Ingestion;

/// <summary>
/// One string instance per distinct text, up to a bound: the decoder hands out the same instance for the same
/// category or slice key, so events that wait in memory (for their labels) do not each keep a copy. Lookups by
/// characters do not allocate. Safe to share between threads.
/// </summary>
internal sealed class SharedStrings(int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The shared instance of <paramref name="text"/>; a new string once the bound is reached.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (_strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared)) return shared;
        var made = text.ToString();
        return _strings.Count < capacity ? _strings.GetOrAdd(made, made) : made;
    }
}
