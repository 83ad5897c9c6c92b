using Akka.DistributedData;
using StreamMl.Core.Operations;

namespace StreamMl.Actors.Operations;

/// <summary>
/// The replicated maps (Akka.DistributedData) that hold every slice's <see cref="SliceFigures"/>, slice id → figures.
/// The slices are spread over <see cref="Count"/> maps by a hash of their id that every node computes alike, so that a
/// change gossips one small map, not all of them (Akka advises against one huge top-level entry).
/// </summary>
public static class SliceFiguresKeys
{
    public const int Count = 16;

    public static readonly IReadOnlyList<LWWDictionaryKey<string, SliceFigures>> All =
        Enumerable.Range(0, Count).Select(i => new LWWDictionaryKey<string, SliceFigures>($"streamml-slice-figures-{i}")).ToArray();

    /// <summary>The map of a slice: FNV-1a over its id's UTF-16 code units (string.GetHashCode differs between processes).</summary>
    public static LWWDictionaryKey<string, SliceFigures> For(string sliceId)
    {
        var hash = 2166136261u;
        foreach (var c in sliceId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (LWWDictionaryKey<string, SliceFigures>)All[(int)(hash % Count)];
    }
}
