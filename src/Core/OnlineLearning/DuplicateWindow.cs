namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// The event ids of the last n examples a learner learnt, to recognise a label seen again (an event or label replayed
/// after a crash). Ids are kept as 64-bit FNV-1a hashes of their UTF-16 code units: two ids in a window of 100,000
/// share a hash with probability about 3·10⁻¹⁰, and then the second is taken for a duplicate. Part of a learner's
/// checkpoint, so a replica restored from one decides exactly as the one that wrote it.
/// </summary>
public sealed class DuplicateWindow
{
    private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;

    private readonly ulong[] _ring;
    private readonly HashSet<ulong> _seen;
    private int _next;

    public DuplicateWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _ring = new ulong[capacity];
        _seen = new HashSet<ulong>(capacity);
    }

    public int Capacity => _ring.Length;
    public int Count { get; private set; }

    /// <summary>True (and the id remembered, the oldest forgotten when full) when the id is not in the window; false for a duplicate.</summary>
    public bool TryAdd(string id)
    {
        if (_ring.Length == 0) return true;
        var hash = Hash(id);
        if (!_seen.Add(hash)) return false;
        if (Count == _ring.Length) _seen.Remove(_ring[_next]);
        else Count++;
        _ring[_next] = hash;
        _next = (_next + 1) % _ring.Length;
        return true;
    }

    public static ulong Hash(string id)
    {
        var hash = Offset;
        foreach (var c in id)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }
        return hash;
    }

    /// <summary>Writes the hashes oldest first.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_ring.Length);
        writer.Write(Count);
        var oldest = Count == _ring.Length ? _next : 0;
        for (var i = 0; i < Count; i++) writer.Write(_ring[(oldest + i) % _ring.Length]);
    }

    public static DuplicateWindow Load(BinaryReader reader)
    {
        var capacity = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (capacity < 0 || count < 0 || count > capacity) throw new InvalidDataException($"a duplicate window of {count} of {capacity} ids");
        var window = new DuplicateWindow(capacity);
        for (var i = 0; i < count; i++)
        {
            var hash = reader.ReadUInt64();
            if (!window._seen.Add(hash)) throw new InvalidDataException("a duplicate window holds the same id twice");
            window._ring[i] = hash;
        }
        window.Count = count;
        window._next = capacity == 0 ? 0 : count % capacity;
        return window;
    }
}
