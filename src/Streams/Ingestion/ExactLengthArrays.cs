namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Arrays kept one per length, up to <see cref="MaxLength"/> bytes, for copies needed only until the next copy of the
/// same length: the Kafka client takes a record's key and value as arrays of exactly their length, and copies them into
/// its own queue before it returns. At most about 2 MiB however many copies are made. One instance per thread at a time.
/// </summary>
public sealed class ExactLengthArrays
{
    /// <summary>The longest copy kept; a longer one gets an array of its own.</summary>
    public const int MaxLength = 2048;

    private readonly byte[]?[] _byLength = new byte[]?[MaxLength + 1];

    /// <summary>
    /// <paramref name="data"/> copied into this instance's array of its length, which the next copy of that length
    /// overwrites; into a new array when longer than <see cref="MaxLength"/>.
    /// </summary>
    public byte[] Copy(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxLength) return data.ToArray();
        var array = _byLength[data.Length] ??= data.Length == 0 ? [] : new byte[data.Length];
        data.CopyTo(array);
        return array;
    }
}
