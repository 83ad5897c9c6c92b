using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace StreamMl.Core.Learning.Features;

/// <summary>One-hot encoding of categorical values by hashing into a fixed number of buckets, for linear models.</summary>
/// <remarks>
/// The bucket of a value is XXH3-64 of its UTF-16 code units (little-endian, as on every platform .NET runs
/// on), seeded with the feature's index, modulo the bucket count: a specified hash, so the same value lands
/// in the same bucket in every process and runtime, unlike <see cref="string.GetHashCode()"/>. Unseen values
/// need no dictionary and cost nothing to store; two values sharing a bucket share a weight. A missing value
/// (null) sets no bucket.
/// </remarks>
internal static class FeatureHashing
{
    public static int Bucket(int feature, string value, int buckets)
    {
        var bytes = MemoryMarshal.AsBytes(value.AsSpan());
        return (int)(XxHash3.HashToUInt64(bytes, feature) % (ulong)buckets);
    }
}
