using StreamMl.Core.Statistics;

namespace StreamMl.Core.Drift;

/// <summary>L∞ distance between category shares: the largest change of any one category's share.</summary>
/// <remarks>
/// L∞ = max_i |p_i − q_i| over the union of categories (a category absent on one side has share 0 there).
/// In [0, 1]. Its tail between two samples of one distribution is bounded by <see cref="LInfinityNull"/>; drift when it
/// exceeds both <see cref="DriftSettings.LInfinityThreshold"/> (default 0.1, ten percentage points) and that bound's
/// threshold for the level.
/// </remarks>
public static class LInfinity
{
    public static DriftTestResult Test(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, DriftSettings? settings = null)
    {
        settings ??= DriftSettings.Default;
        const DriftTestKind kind = DriftTestKind.LInfinity;
        var (r, c) = CategoryCounts.Align(reference, current);
        long n = r.Sum(), m = c.Sum();
        var threshold = settings.LInfinityThreshold;
        if (DriftTestResult.TooSmall(kind, threshold, n, m, settings) is { } skipped) return skipped;
        var p = CategoryCounts.Shares(r);
        var q = CategoryCounts.Shares(c);
        var distance = p.Zip(q, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max();
        return DriftTestResult.Distance(kind, distance, threshold, LInfinityNull.Of(r, c), settings, n, m);
    }

    public static DriftTestResult Test(CategoryFrequencies reference, CategoryFrequencies current, DriftSettings? settings = null) =>
        Test(CategoryCounts.Of(reference), CategoryCounts.Of(current), settings);
}
