namespace StreamMl.Bench.Online;

/// <summary>
/// What one replay scored: accuracy, how many labels its answers lagged, and how fast the accuracy came back after
/// each drift.
/// </summary>
/// <param name="EffectiveDelayP50">Median over the answers of the event's position minus the labels its model had learnt.</param>
/// <param name="Recovery">Per drift, events until it recovered (see <see cref="RecoveryAfter"/>); null when it never did.</param>
public sealed record ReplayFigures(double Accuracy, long? EffectiveDelayP50, long? LabelsBehindP50, long? LabelsBehindP99, IReadOnlyList<int?> Recovery)
{
    /// <summary>Accuracy over this many events before a drift is the level to come back to.</summary>
    public const int Before = 2000;
    /// <summary>The accuracy after a point is taken over this many events.</summary>
    public const int Window = 500;
    /// <summary>Back means within this much of the level before the drift.</summary>
    public const double Tolerance = 0.01;
    private const int Step = 50;

    /// <param name="right">Per event in stream order, whether its answer was right.</param>
    public static ReplayFigures Of(bool[] right, IReadOnlyList<int> drifts, long[]? effectiveDelays = null, long[]? labelsBehind = null) =>
        new((double)right.Count(r => r) / right.Length, Quantile(effectiveDelays, 0.5), Quantile(labelsBehind, 0.5), Quantile(labelsBehind, 0.99),
            drifts.Select(d => RecoveryAfter(right, d)).ToList());

    /// <summary>
    /// Events from the drift at <paramref name="drift"/> to the first point (in steps of 50) from which the accuracy
    /// over the next <see cref="Window"/> events is within <see cref="Tolerance"/> of the accuracy over the
    /// <see cref="Before"/> events before the drift; null when no such point comes.
    /// </summary>
    public static int? RecoveryAfter(bool[] right, int drift)
    {
        if (drift < Before || drift >= right.Length) return null;
        var level = Mean(right, drift - Before, drift);
        for (var s = drift; s + Window <= right.Length; s += Step)
            if (Mean(right, s, s + Window) >= level - Tolerance) return s - drift;
        return null;
    }

    private static double Mean(bool[] right, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++) if (right[i]) n++;
        return (double)n / (to - from);
    }

    private static long? Quantile(long[]? values, double q)
    {
        if (values is null || values.Length == 0) return null;
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
