using System.Runtime.InteropServices;

namespace StreamMl.Core.Slices;

/// <summary>
/// Items gathered per slice into one array each of their exact number: every slice's count is given first
/// (<see cref="Count"/>), then the arrays are made (<see cref="Allocate"/>) and filled (<see cref="Add"/>). Slices come
/// out in the order they were first counted. One instance can gather again after <see cref="Clear"/>. Any name can
/// stand for a slice (label batches are gathered by label-join bucket the same way).
/// </summary>
public sealed class SliceGroups<T>
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    /// <summary>How many slices hold items.</summary>
    public int SliceCount => _groups.Count;

    /// <summary>Counts <paramref name="items"/> more for <paramref name="slice"/>; before <see cref="Allocate"/>.</summary>
    public void Count(string slice, int items = 1) => CollectionsMarshal.GetValueRefOrAddDefault(_groups, slice, out _).Count += items;

    /// <summary>Makes each slice's array, of the size counted.</summary>
    public void Allocate()
    {
        foreach (var slice in _groups.Keys)
        {
            ref var group = ref CollectionsMarshal.GetValueRefOrNullRef(_groups, slice);
            group = new Group { Items = new T[group.Count] };
        }
    }

    /// <summary>Puts <paramref name="item"/> next in the array of <paramref name="slice"/>, a slice that was counted.</summary>
    public void Add(string slice, T item)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrNullRef(_groups, slice);
        group.Items[group.Count++] = item;
    }

    /// <summary>Forgets every slice, keeping the table's room for the next gathering; the arrays given out stay as they are.</summary>
    public void Clear() => _groups.Clear();

    /// <summary>Each slice and its array; a <c>foreach</c> over it allocates nothing.</summary>
    public Slices All() => new(this);

    /// <summary>The slices and their arrays, in the order they were first counted.</summary>
    public readonly struct Slices : IEnumerable<(string Slice, T[] Items)>
    {
        private readonly SliceGroups<T> _owner;

        internal Slices(SliceGroups<T> owner) => _owner = owner;

        public Enumerator GetEnumerator() => new(_owner);

        IEnumerator<(string Slice, T[] Items)> IEnumerable<(string Slice, T[] Items)>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public struct Enumerator : IEnumerator<(string Slice, T[] Items)>
    {
        private Dictionary<string, Group>.Enumerator _inner;

        internal Enumerator(SliceGroups<T> owner) => _inner = owner._groups.GetEnumerator();

        public readonly (string Slice, T[] Items) Current => (_inner.Current.Key, _inner.Current.Value.Items);

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => _inner.MoveNext();

        void System.Collections.IEnumerator.Reset() => throw new NotSupportedException();

        public void Dispose() => _inner.Dispose();
    }

    /// <summary>A slice's array while it is gathered, and how many it holds (before <see cref="Allocate"/>: how many it will hold).</summary>
    private struct Group
    {
        public T[] Items;
        public int Count;
    }
}
