using Xunit;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Statistics;

public class CategoryFrequenciesTests
{
    private static CategoryFrequencies Of(IEnumerable<string> values, int capacity = 64)
    {
        var summary = new CategoryFrequencies(capacity);
        foreach (var v in values) summary.Add(v);
        return summary;
    }

    private static Dictionary<string, long> TrueCounts(IEnumerable<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    private static string[] ZipfStream(int n, int seed, int distinct = 5_000, double s = 1.2) =>
        Samples.Zipf(n, seed, distinct, s).Select(k => $"v{k}").ToArray();

    /// <summary>Checks count − maxError ≤ true ≤ count for tracked values, true ≤ Floor for the rest, and maxError ≤ Total / k.</summary>
    private static void AssertBounds(CategoryFrequencies summary, Dictionary<string, long> truth)
    {
        var items = summary.Items;
        foreach (var item in items)
        {
            var actual = truth.GetValueOrDefault(item.Value);
            Assert.InRange(actual, item.Count - item.MaxError, item.Count);
            Assert.InRange(item.MaxError, 0, summary.Total / summary.Capacity);
        }
        var tracked = items.Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (value, count) in truth)
        {
            if (!tracked.Contains(value)) Assert.True(count <= summary.Floor, $"{value}: {count} > floor {summary.Floor}");
            // Space-Saving's guarantee: anything above Total / k is tracked.
            if (count > summary.Total / summary.Capacity) Assert.Contains(value, tracked);
        }
    }

    [Fact]
    public void Is_exact_while_distinct_values_fit()
    {
        string[] values = ["a", "b", "a", "c", "a", "b", "d"];

        var summary = Of(values, capacity: 4);

        Assert.Equal(7, summary.Total);
        Assert.Equal(0, summary.Floor);
        Assert.Equal(
            [new("a", 3, 0), new("b", 2, 0), new CategoryCount("c", 1, 0), new("d", 1, 0)],
            summary.Top(10));
        Assert.Equal([new CategoryCount("a", 3, 0)], summary.Top(1));
    }

    [Fact]
    public void A_value_counts_the_same_whether_it_comes_as_the_same_string_or_as_equal_copies()
    {
        // Runs of repeated values, as a slice's categories come, with more distinct values than counters.
        var values = ZipfStream(50_000, seed: 11, distinct: 300).SelectMany((v, i) => Enumerable.Repeat(v, 1 + i % 4)).ToArray();
        var shared = values.Select(string.Intern).ToArray();
        var copies = values.Select(v => new string(v.AsSpan())).ToArray();

        var fromShared = Of(shared, capacity: 16);
        var fromCopies = Of(copies, capacity: 16);

        Assert.Equal(fromCopies.Items, fromShared.Items);
        Assert.Equal((fromCopies.Total, fromCopies.Floor), (fromShared.Total, fromShared.Floor));
        AssertBounds(fromShared, TrueCounts(values));
    }

    [Fact]
    public void Finds_the_true_top_10_of_a_zipf_stream_within_error_bounds()
    {
        var values = ZipfStream(200_000, seed: 3);
        var truth = TrueCounts(values);
        var trueTop10 = truth.OrderByDescending(kv => kv.Value).Take(10).Select(kv => kv.Key).ToHashSet();

        var summary = Of(values);

        Assert.Equal(values.Length, summary.Total);
        Assert.Equal(trueTop10, summary.Top(10).Select(c => c.Value).ToHashSet());
        AssertBounds(summary, truth);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Merged_summaries_keep_the_error_bounds(int parts)
    {
        // Each part has its own popular values so the merge has to reconcile different top lists.
        var values = Enumerable.Range(0, parts)
            .SelectMany(p => ZipfStream(40_000, seed: 10 + p).Select(v => p % 2 == 0 ? v : v + "x"))
            .ToArray();
        var truth = TrueCounts(values);

        var merged = new CategoryFrequencies();
        foreach (var part in Samples.Partition(values, parts, seed: parts)) merged.Merge(Of(part));

        Assert.Equal(values.Length, merged.Total);
        AssertBounds(merged, truth);

        // Still a valid Space-Saving summary afterwards.
        var more = ZipfStream(20_000, seed: 99);
        foreach (var v in more) merged.Add(v);
        foreach (var v in more) truth[v] = truth.GetValueOrDefault(v) + 1;
        AssertBounds(merged, truth);
    }

    [Fact]
    public void Merge_is_exact_while_the_union_fits()
    {
        string[] left = ["a", "b", "b", "c"], right = ["b", "d", "d", "e"];

        var merged = Of(left, capacity: 5);
        merged.Merge(Of(right, capacity: 5));

        Assert.True(Of(left.Concat(right), capacity: 5).Equals(merged));
        Assert.All(merged.Items, c => Assert.Equal(0, c.MaxError));
    }

    [Fact]
    public void Clone_is_independent()
    {
        var summary = Of(["x", "y", "x"]);
        var clone = summary.Clone();
        Assert.True(summary.Equals(clone));

        clone.Add("z");
        Assert.False(summary.Equals(clone));
        Assert.Equal(3, summary.Total);
    }
}
