using StreamMl.Core.Labels;
using Xunit;

namespace StreamMl.Tests.Labels;

public sealed class JoinedIdsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Remembers_the_newest_ids_up_to_its_capacity_as_the_oldest_are_forgotten()
    {
        // Capacity 300: chunks of 300 entries, the one emptied at the head reused at the tail; a list is the reference.
        var ids = new JoinedIds(capacity: 300);
        var plain = new List<(string Id, long Ticks)>();
        var random = new Random(11);
        var now = T0;
        for (var step = 0; step < 20_000; step++)
        {
            now = now.AddMilliseconds(random.Next(0, 50));
            var id = $"e{random.Next(0, 2_000)}";
            if (random.Next(0, 20) == 0)
            {
                var cutoff = now.AddSeconds(-random.Next(0, 10)).UtcTicks;
                ids.ForgetArrivedBefore(cutoff);
                plain.RemoveAll(x => x.Ticks < cutoff);
            }
            else if (!plain.Exists(x => x.Id == id))
            {
                ids.Add(id, now);
                if (plain.Count == 300) plain.RemoveAt(0);
                plain.Add((id, now.UtcTicks));
            }
            Assert.Equal(plain.Count, ids.Count);
            var probe = $"e{random.Next(0, 2_000)}";
            ids.Prefetch(probe);
            ids.PrefetchOldest(random.Next(0, 400));
            Assert.Equal(plain.Exists(x => x.Id == probe), ids.Contains(probe));
            AssertOldest(plain.Select(x => x.Id), ids, random.Next(0, 400));
        }
    }

    [Fact]
    public void Remembers_the_newest_ids_across_many_chunks_as_a_queue_does()
    {
        // Capacity 10,000: chunks of 4,096 entries, three at most in use; a queue and a set are the reference.
        const int capacity = 10_000;
        var ids = new JoinedIds(capacity);
        var (order, held) = (new Queue<(string Id, long Ticks)>(), new HashSet<string>());
        var random = new Random(5);
        var now = T0;
        for (var step = 0; step < 60_000; step++)
        {
            now = now.AddMilliseconds(1);
            if (random.Next(0, 5_000) == 0)
            {
                // Now and then the horizon forgets all but the last few seconds' ids, or every one of them.
                var cutoff = now.AddSeconds(-random.Next(0, 4)).UtcTicks;
                ids.ForgetArrivedBefore(cutoff);
                while (order.Count > 0 && order.Peek().Ticks < cutoff) held.Remove(order.Dequeue().Id);
            }
            var id = $"e{step}";
            ids.Add(id, now);
            if (order.Count == capacity) held.Remove(order.Dequeue().Id);
            order.Enqueue((id, now.UtcTicks));
            held.Add(id);
            Assert.Equal(order.Count, ids.Count);
            if (step % 97 == 0)
            {
                var probe = $"e{random.Next(0, step + 1)}";
                ids.Prefetch(probe);
                ids.PrefetchOldest(random.Next(0, 9_000));
                Assert.Equal(held.Contains(probe), ids.Contains(probe));
                // Past the head chunk's end, into the next chunks, and past the newest id.
                AssertOldest(order.Select(x => x.Id), ids, random.Next(0, 12_000));
            }
        }
        foreach (var (id, _) in order) Assert.True(ids.Contains(id));
        Assert.False(ids.Contains($"e{60_000 - capacity - 1}"));
    }

    /// <summary>The oldest hashes <paramref name="ids"/> copies are those of the reference's oldest ids, in order.</summary>
    private static void AssertOldest(IEnumerable<string> oldestFirst, JoinedIds ids, int room)
    {
        var copied = new ulong[room];
        var count = ids.CopyOldest(copied);
        var expected = oldestFirst.Take(room).Select(JoinedIds.Hash).ToArray();
        Assert.Equal(expected, copied[..count]);
    }

    [Fact]
    public void An_id_added_twice_is_remembered_once()
    {
        var ids = new JoinedIds(capacity: 2);
        ids.Add("a", T0);
        ids.Add("a", T0.AddSeconds(1));
        ids.Add("b", T0.AddSeconds(2));

        Assert.Equal(2, ids.Count);
        ids.ForgetArrivedBefore(T0.AddTicks(1).UtcTicks);
        Assert.False(ids.Contains("a"));
        Assert.True(ids.Contains("b"));
    }
}
