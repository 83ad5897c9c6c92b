using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>Aligns two category count tables on the union of their categories.</summary>
internal static class CategoryCounts
{
    /// <summary>Stands for the mass a summary no longer tracks by name.</summary>
    public const string Untracked = "(untracked)";

    /// <summary>Tracked counts of a Space-Saving summary, plus <see cref="Untracked"/> for Total minus their sum if positive.</summary>
    /// <remarks>Exact while the number of distinct values is at most the capacity; beyond it counts are over-estimates.</remarks>
    public static Dictionary<string, long> Of(CategoryFrequencies frequencies)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in frequencies.Items) counts[item.Value] = item.Count;
        var rest = frequencies.Total - counts.Values.Sum();
        if (rest > 0) counts[Untracked] = counts.GetValueOrDefault(Untracked) + rest;
        return counts;
    }

    /// <summary>Counts of both sides over the ordinally sorted union of categories, dropping those zero on both sides.</summary>
    public static (long[] Reference, long[] Current) Align(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        var keys = reference.Keys.Union(current.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var r = new List<long>();
        var c = new List<long>();
        foreach (var key in keys)
        {
            var a = reference.GetValueOrDefault(key);
            var b = current.GetValueOrDefault(key);
            if (a < 0 || b < 0) throw new ArgumentException($"Negative count for '{key}'.");
            if (a == 0 && b == 0) continue;
            r.Add(a);
            c.Add(b);
        }
        return ([.. r], [.. c]);
    }

    public static double[] Shares(long[] counts)
    {
        double total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }
}
