using Xunit;
using StreamMl.Core.Statistics;

namespace StreamMl.Tests.Statistics;

public class StatisticsSetTests
{
    private static readonly (string, FeatureKind)[] Schema =
        [("amount", FeatureKind.Numeric), ("country", FeatureKind.Categorical), ("unused", FeatureKind.Numeric)];

    private static void Feed(StatisticsSet set, int seed, int n)
    {
        var random = new Random(seed);
        string[] countries = ["DE", "FR", "NL", "US"];
        for (var i = 0; i < n; i++)
        {
            set.Events++;
            set.Features["amount"].AddNumeric(random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 1000, 2) - 100);
            set.Features["country"].AddCategory(random.Next(20) == 0 ? null : countries[random.Next(countries.Length)]);
            set.Labels.Add(random.Next(3) == 0 ? "fraud" : "ok");
            var score = random.NextDouble();
            set.Scores.Add(score, score > 0.7);
        }
    }

    [Fact]
    public void Features_count_observed_and_missing_values()
    {
        var numeric = new FeatureStatistics(FeatureKind.Numeric);
        numeric.AddNumeric(1);
        numeric.AddNumeric(null);
        numeric.AddNumeric(double.NaN);
        numeric.AddNumeric(3);

        Assert.Equal(2, numeric.Count);
        Assert.Equal(2, numeric.Missing);
        Assert.Equal(2.0, numeric.Moments!.Mean);
        Assert.Equal(2, numeric.Sketch!.Count);
        Assert.Null(numeric.Categories);
        Assert.Throws<InvalidOperationException>(() => numeric.AddCategory("a"));

        var categorical = new FeatureStatistics(FeatureKind.Categorical);
        categorical.AddCategory("a");
        categorical.AddCategory(null);
        Assert.Equal(1, categorical.Count);
        Assert.Equal(1, categorical.Missing);
        Assert.Null(categorical.Moments);
        Assert.Throws<InvalidOperationException>(() => categorical.AddNumeric(1));
        Assert.Throws<ArgumentException>(() => categorical.Merge(numeric));
    }

    [Fact]
    public void Label_balance_and_scores_merge()
    {
        var a = new LabelBalance();
        a.Add("ok", 3);
        a.Add("fraud");
        var b = new LabelBalance();
        b.Add("ok");
        b.Add("chargeback", 2);

        a.Merge(b);

        Assert.Equal([new("chargeback", 2), new("fraud", 1), new KeyValuePair<string, long>("ok", 4)], a.Counts);
        Assert.Equal(7, a.Total);

        var s = new ScoreDistribution();
        s.Add(0.9, true);
        var t = new ScoreDistribution();
        t.Add(0.1, false);
        t.Add(0.8, true);
        s.Merge(t);
        Assert.Equal(2, s.Positives);
        Assert.Equal(3, s.Moments.Count);
        Assert.Equal(0.6, s.Moments.Mean, 12);
        Assert.Equal(0.1, s.Sketch.Min);
    }

    [Fact]
    public void Merged_partial_sets_match_one_set_over_all_events()
    {
        var all = StatisticsSet.Create(Schema);
        Feed(all, seed: 1, n: 3000);
        Feed(all, seed: 2, n: 2000);

        var merged = StatisticsSet.Create(Schema);
        var first = StatisticsSet.Create(Schema);
        Feed(first, seed: 1, n: 3000);
        var second = StatisticsSet.Create(Schema);
        Feed(second, seed: 2, n: 2000);
        merged.Merge(first);
        merged.Merge(second);

        Assert.Equal(5000, merged.Events);
        Assert.True(all.Labels.Equals(merged.Labels));
        foreach (var name in new[] { "amount", "country", "unused" })
        {
            var x = all.Features[name];
            var y = merged.Features[name];
            Assert.Equal(x.Count, y.Count);
            Assert.Equal(x.Missing, y.Missing);
            Assert.Equal(x.Sketch, y.Sketch);
            Assert.Equal(x.Categories, y.Categories);
        }
        Assert.Equal(all.Features["amount"].Moments!.Mean, merged.Features["amount"].Moments!.Mean, 9);
        Assert.True(all.Scores.Sketch.Equals(merged.Scores.Sketch));
        Assert.Equal(all.Scores.Positives, merged.Scores.Positives);
    }

    [Fact]
    public void Merge_copies_features_the_other_side_knows_and_clone_is_deep()
    {
        var set = StatisticsSet.Create([("a", FeatureKind.Numeric)]);
        var other = StatisticsSet.Create([("b", FeatureKind.Categorical)]);
        other.Features["b"].AddCategory("x");

        set.Merge(other);
        other.Features["b"].AddCategory("y");

        Assert.Equal(1, set.Features["b"].Count);

        var clone = set.Clone();
        Assert.True(clone.Equals(set));
        clone.Features["a"].AddNumeric(1);
        Assert.False(clone.Equals(set));
    }
}
