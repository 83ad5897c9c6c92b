using Xunit;
using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Tests.Detectors;

/// <summary>ADWIN cut at the change it detected (<see cref="Adwin.CutAtChange"/>), as slices re-arm it: one firing per change.</summary>
public class AdwinCutTests
{
    /// <summary>0/1 errors at 12%, then 16% from 20,000, then 21% from 40,000: two small changes.</summary>
    private static double[] TwoSmallChanges(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 60_000).Select(i => random.NextDouble() < (i < 20_000 ? 0.12 : i < 40_000 ? 0.16 : 0.21) ? 1.0 : 0.0).ToArray();
    }

    private static List<int> Firings(double[] stream, bool cut)
    {
        var adwin = new Adwin();
        var firings = new List<int>();
        for (var i = 0; i < stream.Length; i++)
        {
            adwin.Update(stream[i]);
            if (!adwin.DriftDetected) continue;
            firings.Add(i);
            if (cut) adwin.CutAtChange();
        }
        return firings;
    }

    [Fact]
    public void Alone_ADWIN_fires_again_and_again_on_one_small_change_while_cut_at_each_change_it_fires_once_per_change()
    {
        var stream = TwoSmallChanges(seed: 2);

        var alone = Firings(stream, cut: false);
        var cut = Firings(stream, cut: true);

        // Alone, the first change is shed over several firings, some long after it, and so is the second.
        Assert.InRange(alone.Count(i => i is >= 20_000 and < 40_000), 4, 20);
        Assert.Equal([21_599, 41_695], cut);
        Assert.InRange(cut[0] - 20_000, 0, 2_000);
        Assert.InRange(cut[1] - 40_000, 0, 2_000);
    }

    [Fact]
    public void Cut_at_the_change_the_window_holds_the_new_stretch_only()
    {
        var adwin = new Adwin();
        var stream = TwoSmallChanges(seed: 2);
        var i = 0;
        for (; i < stream.Length; i++)
        {
            adwin.Update(stream[i]);
            if (adwin.DriftDetected) break;
        }

        adwin.CutAtChange();

        // The window starts within a bucket of the change at 20,000, and its mean is the new rate.
        Assert.InRange(adwin.Updates - adwin.Width, 19_000, 20_500);
        Assert.InRange(adwin.Estimation, 0.14, 0.18);
    }
}
