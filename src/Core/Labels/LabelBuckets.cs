using System.Globalization;
using System.Text;

namespace StreamMl.Core.Labels;

/// <summary>
/// Spreads event ids over a fixed number of label-join buckets, so that an event's prediction and its
/// late label meet in the same bucket whichever node sees them.
/// </summary>
public static class LabelBuckets
{
    public const string Prefix = "labels-";

    // The names of the first buckets, made once each: a name is asked for with every prediction and label.
    private static readonly string?[] Names = new string?[4096];

    /// <summary>The bucket of an event id: FNV-1a (32 bit) of its UTF-8 bytes, modulo the bucket count.</summary>
    public static string Of(string eventId, int buckets) => Name(IndexOf(eventId, buckets));

    /// <summary>The name of the bucket with index <paramref name="index"/>, e.g. "labels-7".</summary>
    public static string Name(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= Names.Length) return Prefix + index.ToString(CultureInfo.InvariantCulture);
        // Two threads may both make a name; either copy is the same string.
        return Names[index] ??= Prefix + index.ToString(CultureInfo.InvariantCulture);
    }

    public static int IndexOf(string eventId, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(eventId.Length, 256))];
        var bytes = eventId.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(eventId, buffer)] : Encoding.UTF8.GetBytes(eventId);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)buckets);
    }

    /// <summary>The bucket index of a bucket name, or -1 when it is not one.</summary>
    public static int Parse(string bucket) =>
        bucket.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(bucket.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
