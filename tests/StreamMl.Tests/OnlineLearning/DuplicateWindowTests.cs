using System.Buffers.Binary;
using System.Text;
using StreamMl.Core.OnlineLearning;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// The window of learnt event ids: an id seen within the last <c>capacity</c> ids is a duplicate, the one just past
/// that boundary is forgotten; ids are hashed with 64-bit FNV-1a over their UTF-16 code units; and a saved window
/// loads back byte-identical and decides exactly as the one saved.
/// </summary>
public sealed class DuplicateWindowTests
{
    private static string Id(int i) => $"e-{i}";

    /// <summary>FNV-1a (64 bits) as published: offset basis 0xcbf29ce484222325, prime 0x100000001b3, xor then multiply per byte.</summary>
    private static ulong Fnv1a64(byte[] bytes)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in bytes) hash = unchecked((hash ^ b) * 0x100000001b3UL);
        return hash;
    }

    [Fact]
    public void An_id_is_a_duplicate_while_it_is_among_the_last_capacity_ids()
    {
        var window = new DuplicateWindow(3);

        Assert.True(window.TryAdd("a"));
        Assert.True(window.TryAdd("b"));
        Assert.False(window.TryAdd("a"));
        Assert.True(window.TryAdd("c"));
        Assert.False(window.TryAdd("a"));
        Assert.False(window.TryAdd("b"));
        Assert.False(window.TryAdd("c"));
        Assert.Equal(3, window.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void The_oldest_id_is_forgotten_exactly_when_the_capacity_plus_first_id_arrives(int capacity)
    {
        var window = new DuplicateWindow(capacity);
        for (var i = 0; i < capacity; i++) Assert.True(window.TryAdd(Id(i)));

        Assert.False(window.TryAdd(Id(0)), "the oldest of a full window is still remembered");
        Assert.True(window.TryAdd(Id(capacity)));
        Assert.Equal(capacity, window.Count);

        // Id 0 has gone; adding it back pushes out id 1 (the oldest then), while id 2 stays if the capacity holds it.
        Assert.True(window.TryAdd(Id(0)));
        Assert.True(window.TryAdd(Id(1)));
        if (capacity >= 4) Assert.False(window.TryAdd(Id(3)));
    }

    [Fact]
    public void A_duplicate_does_not_refresh_its_id_or_take_a_place()
    {
        var window = new DuplicateWindow(2);
        window.TryAdd("a");
        window.TryAdd("b");

        Assert.False(window.TryAdd("a")); // "a" stays the oldest
        Assert.True(window.TryAdd("c")); // and so is the one forgotten

        Assert.True(window.TryAdd("a"));
        Assert.False(window.TryAdd("c"));
    }

    [Fact]
    public void A_window_of_no_capacity_takes_every_id_as_new()
    {
        var window = new DuplicateWindow(0);

        Assert.True(window.TryAdd("a"));
        Assert.True(window.TryAdd("a"));
        Assert.Equal(0, window.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateWindow(-1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("e-1")]
    [InlineData("é€😀")]
    public void Ids_hash_as_fnv1a_of_their_utf16_code_units(string id)
    {
        Assert.Equal(Fnv1a64(Encoding.Unicode.GetBytes(id)), DuplicateWindow.Hash(id));
    }

    [Fact]
    public void The_hash_matches_published_values()
    {
        // The empty input hashes to the offset basis; FNV-1a 64 of the single byte 'a' is 0xaf63dc4c8601ec8c.
        Assert.Equal(0xcbf29ce484222325UL, DuplicateWindow.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Fnv1a64("a"u8.ToArray()));
        // "a" as UTF-16 is the bytes 61 00, computed independently.
        Assert.Equal(0x089be207b544f1e4UL, DuplicateWindow.Hash("a"));
    }

    [Fact]
    public void A_saved_window_holds_its_capacity_count_and_hashes_oldest_first()
    {
        var window = new DuplicateWindow(3);
        foreach (var id in new[] { "a", "b", "c", "d" }) window.TryAdd(id);

        var bytes = Save(window);

        var expected = new byte[4 + 4 + 3 * 8];
        BinaryPrimitives.WriteInt32LittleEndian(expected, 3);
        BinaryPrimitives.WriteInt32LittleEndian(expected.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(8), Fnv1a64(Encoding.Unicode.GetBytes("b")));
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(16), Fnv1a64(Encoding.Unicode.GetBytes("c")));
        BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(24), Fnv1a64(Encoding.Unicode.GetBytes("d")));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(5, 3)]
    [InlineData(5, 5)]
    [InlineData(5, 13)]
    [InlineData(0, 4)]
    public void A_loaded_window_saves_the_same_bytes_and_decides_as_the_saved_one(int capacity, int added)
    {
        var original = new DuplicateWindow(capacity);
        for (var i = 0; i < added; i++) original.TryAdd(Id(i));

        var bytes = Save(original);
        var loaded = Load(bytes);

        Assert.Equal(bytes, Save(loaded));
        Assert.Equal((original.Capacity, original.Count), (loaded.Capacity, loaded.Count));
        // Old, recent and new ids, some twice: both windows must answer alike and forget the same ids.
        for (var i = 0; i < 3 * (added + capacity) + 2; i++)
        {
            var id = Id((i * 7) % (added + capacity + 3));
            Assert.Equal(original.TryAdd(id), loaded.TryAdd(id));
        }
        Assert.Equal(Save(original), Save(loaded));
    }

    [Fact]
    public void A_window_that_holds_more_ids_than_its_capacity_or_one_id_twice_does_not_load()
    {
        var tooMany = new byte[4 + 4 + 8];
        BinaryPrimitives.WriteInt32LittleEndian(tooMany, 0);
        BinaryPrimitives.WriteInt32LittleEndian(tooMany.AsSpan(4), 1);
        var twice = new byte[4 + 4 + 16];
        BinaryPrimitives.WriteInt32LittleEndian(twice, 2);
        BinaryPrimitives.WriteInt32LittleEndian(twice.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt64LittleEndian(twice.AsSpan(8), 42);
        BinaryPrimitives.WriteUInt64LittleEndian(twice.AsSpan(16), 42);

        Assert.Throws<InvalidDataException>(() => Load(tooMany));
        Assert.Throws<InvalidDataException>(() => Load(twice));
        Assert.Throws<EndOfStreamException>(() => Load(Save(Filled(4))[..^1]));
    }

    private static DuplicateWindow Filled(int n)
    {
        var window = new DuplicateWindow(n);
        for (var i = 0; i < n; i++) window.TryAdd(Id(i));
        return window;
    }

    private static byte[] Save(DuplicateWindow window)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) window.Save(writer);
        return stream.ToArray();
    }

    private static DuplicateWindow Load(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return DuplicateWindow.Load(reader);
    }
}
