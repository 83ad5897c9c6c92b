using StreamMl.Core.Labels;
using Xunit;

namespace StreamMl.Tests.Labels;

public sealed class JoinedIdsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Remembers_the_newest_ids_up_to_its_capacity_across_growth_and_wrap_around()
    {
        // Capacity 300: the ring grows from 64 through 128 and 256 to 300, then wraps; a list is the reference.
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
            Assert.Equal(plain.Exists(x => x.Id == probe), ids.Contains(probe));
        }
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
