using System.Runtime.InteropServices;

namespace StreamMl.Core.Labels;

/// <summary>
/// Values by string key, in arrival order: add, find and remove by key, and look at or remove the oldest, each O(1).
/// A dictionary of entries that form a doubly linked list, oldest first; removed entries are reused.
/// </summary>
internal sealed class ArrivalQueue<TValue>
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private Entry? _oldest;
    private Entry? _newest;
    private Entry? _free;

    public int Count => _entries.Count;

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Adds a key that is not present, as the newest.</summary>
    public void Add(string key, TValue value, DateTimeOffset arrived)
    {
        var entry = Take(key, value, arrived);
        _entries.Add(key, entry);
        Link(entry);
    }

    /// <summary>
    /// Adds a key as the newest, or, when it is present, gives its value in <paramref name="replaced"/> and makes it the
    /// newest with the new value: one lookup of the key either way.
    /// </summary>
    /// <returns>Whether the key was present.</returns>
    public bool AddOrReplace(string key, TValue value, DateTimeOffset arrived, out TValue replaced)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var present);
        if (present)
        {
            var entry = slot!;
            replaced = entry.Value;
            Detach(entry);
            (entry.Value, entry.Arrived) = (value, arrived);
            Link(entry);
            return true;
        }
        replaced = default!;
        slot = Take(key, value, arrived);
        Link(slot);
        return false;
    }

    public bool TryRemove(string key, out TValue value)
    {
        // An empty dictionary still works out the key's hash.
        if (_entries.Count == 0 || !_entries.Remove(key, out var entry))
        {
            value = default!;
            return false;
        }
        value = entry.Value;
        Unlink(entry);
        return true;
    }

    /// <summary>The oldest entry, when there is one.</summary>
    public bool TryPeekOldest(out string key, out TValue value, out DateTimeOffset arrived)
    {
        if (_oldest is not { } oldest)
        {
            (key, value, arrived) = (null!, default!, default);
            return false;
        }
        (key, value, arrived) = (oldest.Key, oldest.Value, oldest.Arrived);
        return true;
    }

    /// <summary>Removes the oldest entry; the queue must not be empty.</summary>
    public void RemoveOldest()
    {
        var oldest = _oldest ?? throw new InvalidOperationException("the queue is empty");
        _entries.Remove(oldest.Key);
        Unlink(oldest);
    }

    /// <summary>An entry for a key (a reused one when there is one), in neither the dictionary nor the arrival order yet.</summary>
    private Entry Take(string key, TValue value, DateTimeOffset arrived)
    {
        var entry = _free ?? new Entry();
        _free = entry.Next;
        (entry.Key, entry.Value, entry.Arrived) = (key, value, arrived);
        return entry;
    }

    /// <summary>Links an entry that is in no list as the newest.</summary>
    private void Link(Entry entry)
    {
        entry.Previous = _newest;
        entry.Next = null;
        if (_newest is null) _oldest = entry;
        else _newest.Next = entry;
        _newest = entry;
    }

    /// <summary>Takes an entry out of the arrival order, leaving it in the dictionary.</summary>
    private void Detach(Entry entry)
    {
        if (entry.Previous is null) _oldest = entry.Next;
        else entry.Previous.Next = entry.Next;
        if (entry.Next is null) _newest = entry.Previous;
        else entry.Next.Previous = entry.Previous;
    }

    private void Unlink(Entry entry)
    {
        Detach(entry);
        entry.Key = null!;
        entry.Value = default!;
        entry.Previous = null;
        entry.Next = _free;
        _free = entry;
    }

    private sealed class Entry
    {
        public string Key = null!;
        public TValue Value = default!;
        public DateTimeOffset Arrived;
        public Entry? Previous;
        public Entry? Next;
    }
}
