using Xunit;
using System.Text.Json;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Statistics;

public class StatisticsJsonTests
{
    private static StatisticsSet Populated()
    {
        var set = StatisticsSet.Create([("amount", FeatureKind.Numeric), ("country", FeatureKind.Categorical), ("empty", FeatureKind.Numeric)]);
        var random = new Random(5);
        for (var i = 0; i < 5000; i++)
        {
            set.Events++;
            set.Features["amount"].AddNumeric(i % 50 == 0 ? null : (random.NextDouble() - 0.3) * 1e4);
            set.Features["country"].AddCategory($"c{random.Next(100)}"); // more than 64 distinct: approximate counters
            set.Labels.Add(random.Next(2) == 0 ? "a" : "b");
            set.Scores.Add(random.NextDouble(), random.Next(4) == 0);
        }
        set.Features["amount"].AddNumeric(0);
        return set;
    }

    [Fact]
    public void Source_generated_round_trip_preserves_everything()
    {
        var set = Populated();

        var json = JsonSerializer.Serialize(set, StatisticsJsonContext.Default.StatisticsSet);
        var restored = JsonSerializer.Deserialize(json, StatisticsJsonContext.Default.StatisticsSet)!;

        Assert.True(set.Equals(restored));
        Assert.Equal(json, JsonSerializer.Serialize(restored, StatisticsJsonContext.Default.StatisticsSet));
        Assert.Contains("\"Infinity\"", json); // the empty feature's min

        // Restored state behaves identically, including Space-Saving evictions and sketch growth.
        foreach (var s in new[] { set, restored })
        {
            s.Features["country"].AddCategory("new");
            s.Features["amount"].AddNumeric(-1e12);
            s.Features["empty"].AddNumeric(3);
        }
        Assert.True(set.Equals(restored));
    }

    [Fact]
    public void Reflection_round_trip_of_each_part_preserves_state()
    {
        var set = Populated();
        var amount = set.Features["amount"];

        AssertRoundTrip(amount.Moments!);
        AssertRoundTrip(amount.Sketch!);
        AssertRoundTrip(set.Features["country"].Categories!);
        AssertRoundTrip(set.Features["empty"]);
        AssertRoundTrip(set.Labels);
        AssertRoundTrip(set.Scores);
        AssertRoundTrip(set);
    }

    [Fact]
    public void Collapsed_sketch_round_trips()
    {
        var sketch = new QuantileSketch(0.02, maxBuckets: 20);
        foreach (var v in Samples.LogNormal(2000, 1, 0, 3)) sketch.Add(v);
        Assert.True(sketch.Collapsed);

        var restored = JsonSerializer.Deserialize(
            JsonSerializer.Serialize(sketch, StatisticsJsonContext.Default.QuantileSketch),
            StatisticsJsonContext.Default.QuantileSketch)!;

        Assert.True(sketch.Equals(restored));
        Assert.Equal(sketch.Quantile(0.99), restored.Quantile(0.99));
    }

    private static void AssertRoundTrip<T>(T value) where T : IEquatable<T>
    {
        var restored = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
        Assert.True(value.Equals(restored), typeof(T).Name);
    }
}
