using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace StreamMl.Core.Labels;

/// <summary>
/// The ids a label join has joined, remembered for its horizon (at most a capacity of them, the oldest forgotten first)
/// so that a second label or prediction for one of them is recognised as a duplicate. Kept as 64-bit hashes
/// (<see cref="Hash"/>) with their arrival, oldest first, in a queue of fixed-size chunks, and in a
/// <see cref="UInt64Set"/> of hashes: no object per id and no id string held, so a bucket that remembers 100,000 joins
/// gives the garbage collector a few dozen arrays to look at, not 300,000 objects, and a lookup reads one place in
/// memory. Two ids among 100,000 share a hash with probability about 3·10⁻¹⁰; the second then counts as a duplicate.
/// </summary>
/// <remarks>
/// The queue grows a chunk at a time and a chunk emptied at its head is kept for the next one needed at its tail: the
/// ids a bucket remembers are written once, never copied into a larger array as a doubling ring's are, and a bucket
/// that remembers as many as it forgets allocates nothing.
/// </remarks>
internal sealed class JoinedIds
{
    /// <summary>Entries per chunk: 64 KB, under the large-object heap's threshold.</summary>
    private const int MaxChunkLength = 4096;

    /// <summary>
    /// The most oldest ids <see cref="PrefetchOldest"/> loads at once: lines loaded much further ahead of their use are
    /// pushed out of the cache again before it.
    /// </summary>
    private const int MaxPrefetch = 256;

    private readonly int _capacity;
    private readonly int _chunkLength;
    private readonly UInt64Set _hashes = new();
    private readonly Queue<(ulong Hash, long ArrivedTicks)[]> _chunks = new();
    private (ulong Hash, long ArrivedTicks)[]? _tail;
    private (ulong Hash, long ArrivedTicks)[]? _spare;
    /// <summary>Where the oldest entry is in the head chunk.</summary>
    private int _head;
    /// <summary>Entries written to the tail chunk.</summary>
    private int _tailLength;

    public JoinedIds(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _chunkLength = Math.Min(capacity, MaxChunkLength);
    }

    public int Count { get; private set; }

    /// <summary>
    /// The hash an id is remembered by: XXH3 of its UTF-16 code units, a few nanoseconds for an id of a few dozen
    /// characters. Held in memory only, so it may change from one version to the next.
    /// </summary>
    internal static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    public bool Contains(string id) => _hashes.Contains(Hash(id));

    /// <summary>Starts loading what <see cref="Contains"/> and <see cref="Add"/> of <paramref name="id"/> read (see <see cref="UInt64Set.Prefetch"/>).</summary>
    public void Prefetch(string id) => _hashes.Prefetch(Hash(id));

    /// <summary>Remembers a joined id, forgetting the oldest when <c>capacity</c> are remembered; arrivals never decrease.</summary>
    public void Add(string id, DateTimeOffset arrived)
    {
        var hash = Hash(id);
        if (!_hashes.Add(hash)) return;
        if (Count == _capacity) RemoveOldest();
        if (_tail is null || _tailLength == _chunkLength)
        {
            _tail = _spare ?? new (ulong, long)[_chunkLength];
            _spare = null;
            _chunks.Enqueue(_tail);
            _tailLength = 0;
        }
        _tail[_tailLength++] = (hash, arrived.UtcTicks);
        Count++;
    }

    /// <summary>
    /// Starts loading what forgetting the <paramref name="count"/> oldest ids reads (at most <see cref="MaxPrefetch"/>), as
    /// <see cref="Add"/> does for each id beyond the capacity (see <see cref="UInt64Set.Prefetch"/>).
    /// </summary>
    public void PrefetchOldest(int count)
    {
        if (Count < _capacity || count <= 0) return;
        Span<ulong> oldest = stackalloc ulong[Math.Min(count, MaxPrefetch)];
        var copied = CopyOldest(oldest);
        for (var i = 0; i < copied; i++) _hashes.Prefetch(oldest[i]);
    }

    /// <summary>Copies the hashes of the oldest ids, oldest first, as many as fit; returns how many.</summary>
    internal int CopyOldest(Span<ulong> destination)
    {
        var copied = 0;
        var index = _head;
        foreach (var chunk in _chunks)
        {
            var end = chunk == _tail ? _tailLength : _chunkLength;
            for (; index < end; index++)
            {
                if (copied == destination.Length) return copied;
                destination[copied++] = chunk[index].Hash;
            }
            index = 0;
        }
        return copied;
    }

    /// <summary>Forgets the ids that arrived before <paramref name="utcTicks"/> (UTC ticks; may be below zero).</summary>
    public void ForgetArrivedBefore(long utcTicks)
    {
        while (Count > 0 && _chunks.Peek()[_head].ArrivedTicks < utcTicks) RemoveOldest();
    }

    private void RemoveOldest()
    {
        _hashes.Remove(_chunks.Peek()[_head].Hash);
        _head++;
        Count--;
        if (Count == 0)
        {
            // Head and tail are the one chunk left: it starts again from its beginning.
            (_head, _tailLength) = (0, 0);
        }
        else if (_head == _chunkLength)
        {
            _spare = _chunks.Dequeue();
            _head = 0;
        }
    }
}
