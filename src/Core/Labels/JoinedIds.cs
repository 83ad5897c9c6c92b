using StreamMl.Core.OnlineLearning;

namespace StreamMl.Core.Labels;

/// <summary>
/// The ids a label join has joined, remembered for its horizon (at most a capacity of them, the oldest forgotten first)
/// so that a second label or prediction for one of them is recognised as a duplicate. Kept as 64-bit FNV-1a hashes
/// (<see cref="DuplicateWindow.Hash"/>) in a ring of structs and a <see cref="UInt64Set"/> of hashes: no object per id
/// and no id string held, so a bucket that remembers 100,000 joins gives the garbage collector two arrays to look at,
/// not 300,000 objects, and a lookup reads one place in memory. Two ids among 100,000 share a hash with probability about 3·10⁻¹⁰; the second then counts as a duplicate.
/// </summary>
internal sealed class JoinedIds
{
    private const int InitialSize = 64;

    private readonly int _capacity;
    private readonly UInt64Set _hashes = new();
    private (ulong Hash, long ArrivedTicks)[] _ring = new (ulong, long)[InitialSize];
    private int _oldest;

    public JoinedIds(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count { get; private set; }

    public bool Contains(string id) => _hashes.Contains(DuplicateWindow.Hash(id));

    /// <summary>Remembers a joined id, forgetting the oldest when <c>capacity</c> are remembered; arrivals never decrease.</summary>
    public void Add(string id, DateTimeOffset arrived)
    {
        var hash = DuplicateWindow.Hash(id);
        if (!_hashes.Add(hash)) return;
        if (Count == _capacity) RemoveOldest();
        if (Count == _ring.Length) Grow();
        _ring[(_oldest + Count) % _ring.Length] = (hash, arrived.UtcTicks);
        Count++;
    }

    /// <summary>Forgets the ids that arrived before <paramref name="utcTicks"/> (UTC ticks; may be below zero).</summary>
    public void ForgetArrivedBefore(long utcTicks)
    {
        while (Count > 0 && _ring[_oldest].ArrivedTicks < utcTicks) RemoveOldest();
    }

    private void RemoveOldest()
    {
        _hashes.Remove(_ring[_oldest].Hash);
        _oldest = (_oldest + 1) % _ring.Length;
        Count--;
    }

    /// <summary>Doubles the ring (up to the capacity), oldest first from index 0.</summary>
    private void Grow()
    {
        var grown = new (ulong, long)[Math.Min(_capacity, _ring.Length * 2)];
        for (var i = 0; i < Count; i++) grown[i] = _ring[(_oldest + i) % _ring.Length];
        _ring = grown;
        _oldest = 0;
    }
}
