using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Dense bucket counts of one sign of a <see cref="QuantileSketch"/>, collapsing its lowest indices at a cap.</summary>
/// <remarks>
/// JSON holds only the used range (<see cref="Offset"/> plus <see cref="Counts"/>), whose first and last
/// entries are non-zero, so equal states always serialise identically. Internally a larger buffer with
/// slack on both sides keeps growth amortised.
/// </remarks>
public sealed class BucketStore : IEquatable<BucketStore>
{
    private long[] _buffer = [];
    private int _bufferOffset; // bucket index stored at _buffer[0]
    private int _min = int.MaxValue; // used range; empty while _min > _max
    private int _max = int.MinValue;

    public BucketStore()
    {
    }

    [JsonConstructor]
    public BucketStore(int offset, long[] counts, bool collapsed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Collapsed = collapsed;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0) throw new ArgumentException("Bucket counts must be non-negative.", nameof(counts));
            if (counts[i] == 0) continue;
            var index = offset + i;
            // No cap here: a snapshot was already capped when it was taken.
            Add(index, counts[i], int.MaxValue);
        }
    }

    /// <summary>Index of the first used bucket (0 when empty).</summary>
    public int Offset => IsEmpty ? 0 : _min;

    /// <summary>Counts of the used range, starting at <see cref="Offset"/>.</summary>
    public long[] Counts => IsEmpty ? [] : _buffer.AsSpan(_min - _bufferOffset, _max - _min + 1).ToArray();

    /// <summary>True once a bucket cap folded low buckets together; quantiles there lose the accuracy guarantee.</summary>
    public bool Collapsed { get; private set; }

    [JsonIgnore]
    public long Total { get; private set; }

    [JsonIgnore]
    public bool IsEmpty => _min > _max;

    /// <summary>Adds <paramref name="count"/> to bucket <paramref name="index"/>, collapsing so at most <paramref name="maxBuckets"/> remain.</summary>
    public void Add(int index, long count, int maxBuckets)
    {
        if (count <= 0) return;
        if (index < _min || index > _max) index = Extend(index, maxBuckets);
        _buffer[index - _bufferOffset] += count;
        Total += count;
    }

    public void Merge(BucketStore other, int maxBuckets)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty) return;
        // Add the top first so a collapse happens once instead of repeatedly as the range grows.
        for (var index = other._max; index >= other._min; index--)
        {
            var count = other._buffer[index - other._bufferOffset];
            if (count != 0) Add(index, count, maxBuckets);
        }
        Collapsed |= other.Collapsed;
    }

    /// <summary>
    /// Gives an empty store a buffer over the buckets <paramref name="other"/> uses, and an eighth of their number more
    /// on either side, so that counts spread like the other's go in without the buffer growing (from 32 buckets,
    /// doubling) as they arrive. Changes no count.
    /// </summary>
    internal void ReserveLike(BucketStore other)
    {
        if (!IsEmpty || other.IsEmpty) return;
        var span = (long)other._max - other._min + 1;
        var margin = span / 8 + 1;
        var length = (int)Math.Min(span + 2 * margin, int.MaxValue / 2);
        if (length <= _buffer.Length) return;
        _buffer = new long[length];
        _bufferOffset = (int)Math.Max(int.MinValue, other._min - margin);
    }

    public BucketStore Clone()
    {
        var copy = new BucketStore
        {
            _buffer = (long[])_buffer.Clone(),
            _bufferOffset = _bufferOffset,
            _min = _min,
            _max = _max,
            Total = Total,
            Collapsed = Collapsed,
        };
        return copy;
    }

    /// <summary>The counts of the used range, starting at <see cref="Offset"/>, without a copy.</summary>
    internal ReadOnlySpan<long> Used => IsEmpty ? default : _buffer.AsSpan(_min - _bufferOffset, _max - _min + 1);

    /// <summary>Bucket holding the element of 0-based rank <paramref name="rank"/> counting from the lowest index.</summary>
    internal int IndexAtRankAscending(long rank)
    {
        long seen = 0;
        for (var index = _min; index < _max; index++)
        {
            seen += _buffer[index - _bufferOffset];
            if (seen > rank) return index;
        }
        return _max;
    }

    /// <summary>Bucket holding the element of 0-based rank <paramref name="rank"/> counting from the highest index.</summary>
    internal int IndexAtRankDescending(long rank)
    {
        long seen = 0;
        for (var index = _max; index > _min; index--)
        {
            seen += _buffer[index - _bufferOffset];
            if (seen > rank) return index;
        }
        return _min;
    }

    // Grows the used range to include index; returns the bucket the count must go to (the floor if collapsed).
    private int Extend(int index, int maxBuckets)
    {
        if (IsEmpty)
        {
            EnsureBuffer(index, index);
            _min = _max = index;
            return index;
        }

        var newMin = Math.Min(_min, index);
        var newMax = Math.Max(_max, index);
        long collapsedCount = 0;
        if ((long)newMax - newMin + 1 > maxBuckets)
        {
            var floor = (int)((long)newMax - maxBuckets + 1);
            for (var i = _min; i <= Math.Min(_max, floor - 1); i++)
            {
                collapsedCount += _buffer[i - _bufferOffset];
                _buffer[i - _bufferOffset] = 0;
            }
            if (collapsedCount != 0 || index < floor) Collapsed = true;
            if (index < floor) index = floor;
            newMin = floor;
        }

        // The old range may now be empty (everything collapsed), so recompute from the new bounds.
        EnsureBuffer(newMin, newMax);
        _min = newMin;
        _max = newMax;
        _buffer[newMin - _bufferOffset] += collapsedCount;
        return index;
    }

    private void EnsureBuffer(int low, int high)
    {
        if (_buffer.Length > 0 && low >= _bufferOffset && high < _bufferOffset + _buffer.Length) return;

        var span = (long)high - low + 1;
        var length = (int)Math.Min(Math.Max(span * 2, 32), int.MaxValue / 2);
        var offset = (int)(low - (length - span) / 2);
        var buffer = new long[length];
        if (!IsEmpty)
        {
            var keepLow = Math.Max(_min, low);
            var keepHigh = Math.Min(_max, high);
            if (keepLow <= keepHigh)
                Array.Copy(_buffer, keepLow - _bufferOffset, buffer, keepLow - offset, keepHigh - keepLow + 1);
        }
        _buffer = buffer;
        _bufferOffset = offset;
    }

    public bool Equals(BucketStore? other)
    {
        if (other is null) return false;
        if (Collapsed != other.Collapsed || Total != other.Total || IsEmpty != other.IsEmpty) return false;
        if (IsEmpty) return true;
        return _min == other._min && _max == other._max
            && _buffer.AsSpan(_min - _bufferOffset, _max - _min + 1)
                .SequenceEqual(other._buffer.AsSpan(other._min - other._bufferOffset, other._max - other._min + 1));
    }

    public override bool Equals(object? obj) => Equals(obj as BucketStore);

    public override int GetHashCode() => HashCode.Combine(Offset, Total, Collapsed);
}
