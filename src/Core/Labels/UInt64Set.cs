using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace StreamMl.Core.Labels;

/// <summary>
/// A set of 64-bit values in one array: open addressing with linear probing, at most half full, removal by shifting
/// the rest of a probe run back (no tombstones). A lookup reads one slot and usually its neighbours in the same cache
/// line; <see cref="HashSet{T}"/> reads a bucket and then an entry elsewhere. Zero marks an empty slot, so the value 0
/// is kept apart. Never shrinks. Not thread-safe.
/// </summary>
internal sealed class UInt64Set
{
    private const int MinimumSlots = 16;
    private const ulong Fibonacci = 0x9E3779B97F4A7C15UL;

    private ulong[] _slots = new ulong[MinimumSlots];
    private int _shift = 64 - 4;
    private bool _hasZero;

    public int Count { get; private set; }

    public bool Contains(ulong value)
    {
        if (value == 0) return _hasZero;
        var mask = _slots.Length - 1;
        for (var i = Home(value); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == value) return true;
            if (slot == 0) return false;
        }
    }

    /// <summary>
    /// Starts loading the slot where a lookup of <paramref name="value"/> begins into the cache, without waiting for it:
    /// lookups of values prefetched together then wait for their memory once between them, not once each. A hint only
    /// (nothing where the processor has no prefetch instruction), so it changes no result.
    /// </summary>
    public unsafe void Prefetch(ulong value)
    {
        if (!Sse.IsSupported) return;
        // The address is read without pinning: should a collection move the array, the hint loads the wrong line, no more.
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), Home(value))));
    }

    /// <summary>Adds the value; false when it was there already.</summary>
    public bool Add(ulong value)
    {
        if (value == 0)
        {
            if (_hasZero) return false;
            _hasZero = true;
            Count++;
            return true;
        }
        if (2 * (Count + 1) > _slots.Length) Grow();
        if (!Insert(_slots, _shift, value)) return false;
        Count++;
        return true;
    }

    /// <summary>Removes the value; false when it was not there.</summary>
    public bool Remove(ulong value)
    {
        if (value == 0)
        {
            if (!_hasZero) return false;
            _hasZero = false;
            Count--;
            return true;
        }
        var mask = _slots.Length - 1;
        var gap = Home(value);
        while (_slots[gap] != value)
        {
            if (_slots[gap] == 0) return false;
            gap = (gap + 1) & mask;
        }
        // Each later value of the run moves into the gap unless its home lies after the gap (cyclically, up to where it
        // is): moved, it is still reached from its home without crossing an empty slot.
        for (var j = (gap + 1) & mask; _slots[j] != 0; j = (j + 1) & mask)
        {
            if (((j - Home(_slots[j])) & mask) < ((j - gap) & mask)) continue;
            _slots[gap] = _slots[j];
            gap = j;
        }
        _slots[gap] = 0;
        Count--;
        return true;
    }

    private int Home(ulong value) => (int)((value * Fibonacci) >> _shift);

    private static bool Insert(ulong[] slots, int shift, ulong value)
    {
        var mask = slots.Length - 1;
        for (var i = (int)((value * Fibonacci) >> shift); ; i = (i + 1) & mask)
        {
            if (slots[i] == value) return false;
            if (slots[i] != 0) continue;
            slots[i] = value;
            return true;
        }
    }

    private void Grow()
    {
        var grown = new ulong[_slots.Length * 2];
        var shift = _shift - 1;
        foreach (var value in _slots)
            if (value != 0) Insert(grown, shift, value);
        _slots = grown;
        _shift = shift;
    }
}
