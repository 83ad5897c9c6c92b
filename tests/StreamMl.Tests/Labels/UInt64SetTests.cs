using StreamMl.Core.Labels;
using Xunit;

namespace StreamMl.Tests.Labels;

/// <summary>The open-addressing set of 64-bit hashes against <see cref="HashSet{T}"/>, under collisions, wrap-around and growth.</summary>
public sealed class UInt64SetTests
{
    /// <summary>The slot a value starts its probe from in a table of 16 slots (the set's first size).</summary>
    private static int HomeIn16(ulong value) => (int)((value * 0x9E3779B97F4A7C15UL) >> 60);

    [Fact]
    public void Agrees_with_a_hash_set_over_random_adds_and_removes_of_colliding_values_and_zero()
    {
        var random = new Random(5);
        // Few distinct values, many sharing a home slot: long probe runs that wrap around and are cut by removals.
        var universe = Enumerable.Range(0, 5000).Select(_ => (ulong)random.NextInt64() | (ulong)random.Next(2) << 63)
            .GroupBy(HomeIn16).OrderByDescending(g => g.Count()).Take(3).SelectMany(g => g.Take(15)).Append(0UL).ToArray();
        var set = new UInt64Set();
        var reference = new HashSet<ulong>();
        for (var step = 0; step < 200_000; step++)
        {
            var value = universe[random.Next(universe.Length)];
            if (random.Next(3) == 0) Assert.Equal(reference.Remove(value), set.Remove(value));
            else Assert.Equal(reference.Add(value), set.Add(value));
            Assert.Equal(reference.Count, set.Count);
            var probe = universe[random.Next(universe.Length)];
            set.Prefetch(probe);
            Assert.Equal(reference.Contains(probe), set.Contains(probe));
        }
        Assert.All(universe, v => Assert.Equal(reference.Contains(v), set.Contains(v)));
    }

    [Fact]
    public void Values_that_share_the_last_slot_wrap_to_the_start_and_stay_found_when_others_of_their_run_are_removed()
    {
        var random = new Random(9);
        var last = new List<ulong>();
        var first = new List<ulong>();
        while (last.Count < 4 || first.Count < 2)
        {
            var v = (ulong)random.NextInt64(1, long.MaxValue);
            if (HomeIn16(v) == 15 && last.Count < 4) last.Add(v);
            else if (HomeIn16(v) == 0 && first.Count < 2) first.Add(v);
        }
        var set = new UInt64Set();
        // Slots 15, 0, 1, 2 for the last-slot values, then 3 and 4 for those whose home is slot 0: 6 values, 16 slots.
        foreach (var v in last.Concat(first)) Assert.True(set.Add(v));

        Assert.True(set.Remove(last[0]));
        Assert.True(set.Remove(last[2]));
        Assert.True(set.Remove(first[0]));

        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(last[1]));
        Assert.True(set.Contains(last[3]));
        Assert.True(set.Contains(first[1]));
        Assert.False(set.Contains(last[0]));
        Assert.False(set.Contains(last[2]));
        Assert.False(set.Contains(first[0]));
        Assert.False(set.Remove(last[0]));
    }

    [Fact]
    public void Keeps_every_value_through_growth()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => (ulong)random.NextInt64()).Distinct().ToArray();
        var set = new UInt64Set();
        foreach (var v in values) Assert.True(set.Add(v));
        Assert.Equal(values.Length, set.Count);
        Assert.All(values, v => Assert.True(set.Contains(v)));
        Assert.All(values.Take(1000), v => Assert.False(set.Add(v)));
        var present = values.ToHashSet();
        foreach (var other in Enumerable.Range(0, 1000).Select(_ => (ulong)random.NextInt64()).Where(v => !present.Contains(v)))
            Assert.False(set.Contains(other));
    }
}
