using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Top-k category counts with the Space-Saving algorithm, mergeable.</summary>
/// <remarks>
/// <para>Metwally, Agrawal and El Abbadi, "Efficient Computation of Frequent and Top-k Elements in Data
/// Streams", ICDT 2005. At most <see cref="Capacity"/> counters are kept; each count over-estimates
/// the true count by at most its error, and every value's error is at most <see cref="Total"/> / k.
/// Exact (all errors 0) while the number of distinct values is at most the capacity.</para>
/// <para>Merging follows the mergeable-summaries result of Agarwal, Cormode, Huang, Phillips, Wei and Yi
/// (PODS 2012): counters of both sides are added, then only the k largest are kept. Their formulation
/// subtracts the (k+1)-th count from every counter because Misra–Gries counters under-estimate;
/// Space-Saving counters over-estimate, so instead a value missing from one side is charged that side's
/// <see cref="Floor"/> (in count and error) and the (k+1)-th combined count raises the floor. This keeps
/// count − error ≤ true ≤ count and the Total / k error bound.</para>
/// <para>Ties are broken by ordinal value order, so behaviour after a JSON round trip is identical.</para>
/// </remarks>
public sealed class CategoryFrequencies : IEquatable<CategoryFrequencies>
{
    public const int DefaultCapacity = 64;
    private const int InitialRoom = 8;

    private readonly Dictionary<string, Counter> _byValue;
    private readonly List<Counter> _heap; // min-heap on (Count, Value)
    /// <summary>
    /// The counter of the value added last, while it is tracked: a stream's categories come as the same few string
    /// instances, often several in a row, and this one is found without hashing the value.
    /// </summary>
    private Counter? _last;

    public CategoryFrequencies() : this(DefaultCapacity)
    {
    }

    public CategoryFrequencies(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        // Room grows with the values seen, up to the capacity: most features have a handful of values, and a window's
        // summary is made anew for every window of every slice.
        var room = Math.Min(capacity, InitialRoom);
        _byValue = new Dictionary<string, Counter>(room, StringComparer.Ordinal);
        _heap = new List<Counter>(room);
    }

    [JsonConstructor]
    public CategoryFrequencies(int capacity, long total, long floor, IReadOnlyList<CategoryCount> items)
        : this(capacity)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > capacity) throw new ArgumentException("More items than capacity.", nameof(items));
        Total = total;
        Floor = floor;
        foreach (var item in items) Insert(new Counter(item.Value, item.Count, item.MaxError));
    }

    public int Capacity { get; }

    /// <summary>Number of values added (including merged ones).</summary>
    public long Total { get; private set; }

    /// <summary>Upper bound on the count of any value not tracked; 0 while the summary is exact.</summary>
    public long Floor { get; private set; }

    /// <summary>All tracked counters, by descending count then ordinal value.</summary>
    public IReadOnlyList<CategoryCount> Items => Top(int.MaxValue);

    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Total++;
        if ((_last is { } last && ReferenceEquals(last.Value, value) ? last : _byValue.GetValueOrDefault(value)) is { } counter)
        {
            _last = counter;
            counter.Count++;
            SiftDown(counter.Slot);
            return;
        }

        if (_heap.Count < Capacity)
        {
            // An untracked value may already have occurred up to Floor times.
            Insert(new Counter(value, Floor + 1, Floor));
            return;
        }

        // Replace the smallest counter: the newcomer may have been counted in it all along.
        var min = _heap[0];
        _byValue.Remove(min.Value);
        Floor = min.Count;
        var replacement = new Counter(value, min.Count + 1, min.Count) { Slot = 0 };
        _heap[0] = replacement;
        _byValue.Add(value, replacement);
        _last = replacement;
        SiftDown(0);
    }

    /// <summary>The <paramref name="n"/> largest counters, by descending count then ordinal value.</summary>
    public IReadOnlyList<CategoryCount> Top(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var sorted = _heap.ToArray();
        Array.Sort(sorted, static (a, b) => CompareDescending(a, b));
        var take = Math.Min(n, sorted.Length);
        var result = new CategoryCount[take];
        for (var i = 0; i < take; i++) result[i] = new CategoryCount(sorted[i].Value, sorted[i].Count, sorted[i].Error);
        return result;
    }

    public void Merge(CategoryFrequencies other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var combined = new Dictionary<string, Counter>(_byValue.Count + other._byValue.Count, StringComparer.Ordinal);
        foreach (var c in _heap)
        {
            var theirs = other._byValue.GetValueOrDefault(c.Value);
            combined[c.Value] = theirs is null
                ? new Counter(c.Value, c.Count + other.Floor, c.Error + other.Floor)
                : new Counter(c.Value, c.Count + theirs.Count, c.Error + theirs.Error);
        }
        foreach (var c in other._heap)
        {
            if (!_byValue.ContainsKey(c.Value))
                combined[c.Value] = new Counter(c.Value, c.Count + Floor, c.Error + Floor);
        }

        var sorted = combined.Values.ToArray();
        Array.Sort(sorted, static (a, b) => CompareDescending(a, b));
        var floor = Floor + other.Floor;
        if (sorted.Length > Capacity) floor = Math.Max(floor, sorted[Capacity].Count);

        _byValue.Clear();
        _heap.Clear();
        _last = null;
        for (var i = 0; i < Math.Min(Capacity, sorted.Length); i++) Insert(sorted[i]);
        Total += other.Total;
        Floor = floor;
    }

    public CategoryFrequencies Clone() => new(Capacity, Total, Floor, Items);

    private void Insert(Counter counter)
    {
        counter.Slot = _heap.Count;
        _heap.Add(counter);
        _byValue.Add(counter.Value, counter);
        SiftUp(counter.Slot);
    }

    private void SiftUp(int slot)
    {
        var item = _heap[slot];
        while (slot > 0)
        {
            var parent = (slot - 1) >> 1;
            if (Less(_heap[parent], item)) break;
            Place(_heap[parent], slot);
            slot = parent;
        }
        Place(item, slot);
    }

    private void SiftDown(int slot)
    {
        var item = _heap[slot];
        var count = _heap.Count;
        while (true)
        {
            var child = (slot << 1) + 1;
            if (child >= count) break;
            if (child + 1 < count && Less(_heap[child + 1], _heap[child])) child++;
            if (!Less(_heap[child], item)) break;
            Place(_heap[child], slot);
            slot = child;
        }
        Place(item, slot);
    }

    private void Place(Counter counter, int slot)
    {
        _heap[slot] = counter;
        counter.Slot = slot;
    }

    private static bool Less(Counter a, Counter b) =>
        a.Count < b.Count || (a.Count == b.Count && string.CompareOrdinal(a.Value, b.Value) < 0);

    private static int CompareDescending(Counter a, Counter b)
    {
        var byCount = b.Count.CompareTo(a.Count);
        return byCount != 0 ? byCount : string.CompareOrdinal(a.Value, b.Value);
    }

    public bool Equals(CategoryFrequencies? other) =>
        other is not null
        && Capacity == other.Capacity
        && Total == other.Total
        && Floor == other.Floor
        && Items.SequenceEqual(other.Items);

    public override bool Equals(object? obj) => Equals(obj as CategoryFrequencies);

    public override int GetHashCode() => HashCode.Combine(Capacity, Total, Floor, _heap.Count);

    private sealed class Counter(string value, long count, long error)
    {
        public string Value { get; } = value;
        public long Count { get; set; } = count;
        public long Error { get; } = error;
        public int Slot { get; set; }
    }
}
