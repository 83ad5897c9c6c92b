using StreamMl.Core.Slices;
using StreamMl.Core.Statistics;
using Xunit;

namespace StreamMl.Tests.Slices;

public sealed class SliceStateTests
{
    [Fact]
    public void A_label_is_counted_under_its_invariant_text()
    {
        foreach (var label in new[] { 0.0, -0.0, 1, 15, 16, 0.5, -1, 1e20, double.NaN, double.PositiveInfinity })
            Assert.Equal(label.ToString(System.Globalization.CultureInfo.InvariantCulture), SliceState.LabelText(label));
    }

    [Fact]
    public void Windows_close_every_window_size_events_and_keep_the_last_one_exactly()
    {
        var events = SliceTestData.Rows(5000);
        var state = SliceState.Empty(SliceKey.Global, SliceTestData.Spec);
        var start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

        foreach (var batch in SliceTestData.Batches(events, 700, start)) state.Record(batch, SliceTestData.Spec);

        // elec2's window is 2,000 events: two closed windows, 1,000 events in the current one.
        Assert.Equal(2, state.WindowIndex);
        Assert.Equal(1000, state.Window.Events);
        Assert.Equal(5000, state.Lifetime.Events);
        var last = state.LastWindow!;
        Assert.Equal(1, last.Index);
        Assert.Equal(2000, last.Statistics.Events);

        // Independent two-pass computation over rows 2000..3999 of the same data.
        var prices = events.Skip(2000).Take(2000).Select(e => e.Numeric[1]).ToArray();
        var mean = prices.Sum() / prices.Length;
        var variance = prices.Sum(p => (p - mean) * (p - mean)) / (prices.Length - 1);
        var moments = last.Statistics.Features["nswprice"].Moments!;
        Assert.Equal(mean, moments.Mean, 12);
        Assert.Equal(variance, moments.Variance, 12);
        Assert.Equal(prices.Min(), moments.Min);
        Assert.Equal(prices.Max(), moments.Max);

        var positives = events.Skip(2000).Take(2000).Count(e => e.Label == 1);
        Assert.Equal(positives, last.Statistics.Labels.Counts.GetValueOrDefault("1"));
        Assert.Equal(positives, last.Statistics.Scores.Positives);
        var mornings = events.Count(e => e.Derived[0] == "morning");
        Assert.Equal(mornings, state.Lifetime.Features["dayPart"].Categories!.Top(10).Single(c => c.Value == "morning").Count);
    }

    [Fact]
    public void The_lifetime_and_a_window_hold_what_observing_their_rows_into_one_profile_gives()
    {
        var events = SliceTestData.Rows(5000);
        var spec = SliceTestData.Spec;
        // Scores that vary (a stand-in model: the price), some rows unlabelled and a few values missing.
        var rows = events.Select((e, i) => new Observation(i % 97 == 0 ? [double.NaN, .. e.Numeric[1..]] : e.Numeric, e.Categorical,
            i % 3 == 0 ? null : e.Label, e.Numeric[1], e.Numeric[1] > 0.06)).ToList();
        var state = SliceState.Empty(SliceKey.Global, spec);
        var start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        foreach (var (chunk, i) in rows.Chunk(700).Select((c, i) => (c, i))) state.Record(new ObservationBatch(chunk, start.AddSeconds(i)), spec);

        StatisticsSet Profile(IEnumerable<Observation> observations)
        {
            var set = SliceState.EmptyStatistics(spec);
            foreach (var o in observations) SliceState.Observe(set, o.Numeric, o.Categorical, o.Label, o.Score, o.PredictedPositive, spec);
            return set;
        }
        Assert.True(Profile(rows).Equals(state.Lifetime));
        Assert.True(Profile(rows.Skip(2000).Take(2000)).Equals(state.LastWindow!.Statistics));
        Assert.True(Profile(rows.Skip(4000)).Equals(state.Window));
        Assert.Equal(Profile(rows).Features["nswprice"].Sketch!.Buckets(), state.Lifetime.Features["nswprice"].Sketch!.Buckets());
    }
}
