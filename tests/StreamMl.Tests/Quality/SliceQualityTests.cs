using StreamMl.Core.Quality;
using Xunit;

namespace StreamMl.Tests.Quality;

public sealed class SliceQualityTests
{
    [Fact]
    public void A_version_window_tumbles_every_window_size_outcomes_and_keeps_the_last_one()
    {
        var outcomes = QualitySamples.BinaryOutcomes("mixed"); // 20 outcomes
        var quality = new SliceQuality();

        foreach (var outcome in outcomes) quality.Record(outcome, windowSize: 8);

        var v1 = quality.Versions["v1"];
        // Windows of 8: outcomes 0..7 and 8..15 closed, 16..19 in the current one.
        Assert.Equal(2, v1.WindowIndex);
        Assert.Equal(4, v1.Window.Count);
        Assert.Equal(20, v1.Lifetime.Count);
        Assert.Equal(QualitySamples.Fed(QualityMetrics.WithExactAuc(), outcomes[8..16]), v1.LastWindow);
        Assert.Equal(QualitySamples.Fed(QualityMetrics.WithExactAuc(), outcomes[16..]), v1.Window);
        Assert.Equal(QualitySamples.Fed(QualityMetrics.WithBinnedAuc(), outcomes), v1.Lifetime);
        Assert.NotNull(v1.Lifetime.Binned);
        Assert.Null(v1.Lifetime.Exact);
    }

    [Fact]
    public void Versions_are_kept_apart_and_tumble_their_own_windows()
    {
        var right = QualitySamples.BinaryOutcomes("perfect", "v1"); // 6 outcomes
        var wrong = QualitySamples.BinaryOutcomes("worst", "v2-canary"); // 4 outcomes
        var quality = new SliceQuality();

        for (var i = 0; i < right.Count; i++)
        {
            quality.Record(right[i], windowSize: 4);
            if (i < wrong.Count) quality.Record(wrong[i], windowSize: 4);
        }
        quality.Record(null, 0.5, null, 2.0, windowSize: 4);

        Assert.Equal(new[] { "unknown", "v1", "v2-canary" }, quality.Versions.Keys.Order(StringComparer.Ordinal));
        var v1 = VersionQualitySummary.From(quality.Versions["v1"]);
        var v2 = VersionQualitySummary.From(quality.Versions["v2-canary"]);
        Assert.Equal((1.0, 1.0), (v1.Lifetime.Accuracy!.Value, v1.Lifetime.Auc!.Value));
        Assert.Equal((0.0, 0.0), (v2.Lifetime.Accuracy!.Value, v2.Lifetime.Auc!.Value));
        Assert.Equal((1L, 2L, 4L), (v1.WindowIndex, v1.Window.Count, v1.LastWindow!.Count));
        Assert.Equal((1L, 0L, 4L), (v2.WindowIndex, v2.Window.Count, v2.LastWindow!.Count));
        Assert.Equal(1.5, quality.Versions[SliceQuality.UnknownVersion].Lifetime.Summary().Mae);
    }

    [Fact]
    public void A_clone_is_deep()
    {
        var quality = new SliceQuality();
        foreach (var outcome in QualitySamples.BinaryOutcomes("mixed")) quality.Record(outcome, windowSize: 8);

        var copy = quality.Clone();
        foreach (var outcome in QualitySamples.BinaryOutcomes("worst")) copy.Record(outcome, windowSize: 8);
        copy.Versions["v1"].LastWindow!.Add(new Outcome("v1", 0.9, true, 0));

        Assert.False(copy.Equals(quality));
        Assert.Equal(20, quality.Versions["v1"].Lifetime.Count);
        Assert.Equal(4, quality.Versions["v1"].Window.Count);
        Assert.Equal(8, quality.Versions["v1"].LastWindow!.Count);
        Assert.Equal(20, quality.Versions["v1"].Lifetime.Binned!.Positives.Sum() + quality.Versions["v1"].Lifetime.Binned!.Negatives.Sum());
    }
}
