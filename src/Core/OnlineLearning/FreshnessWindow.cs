namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// How far behind the labels the last predictions of a model were: labels not yet learnt and milliseconds, per
/// prediction, over the last <see cref="Capacity"/> predictions. Safe for concurrent use.
/// </summary>
public sealed class FreshnessWindow
{
    public const int Capacity = 8192;

    private readonly long[] _labels = new long[Capacity];
    private readonly long[] _ms = new long[Capacity];
    private readonly Lock _lock = new();
    private int _next, _count;

    /// <summary>Records <paramref name="predictions"/> predictions made with the same lag.</summary>
    public void Record(long labelsBehind, long msBehind, int predictions)
    {
        lock (_lock)
        {
            for (var i = 0; i < Math.Min(predictions, Capacity); i++)
            {
                _labels[_next] = labelsBehind;
                _ms[_next] = msBehind;
                _next = (_next + 1) % Capacity;
                if (_count < Capacity) _count++;
            }
        }
    }

    /// <summary>The median and 99th percentile of labels and milliseconds behind; null before any prediction.</summary>
    public FreshnessSummary? Summary()
    {
        long[] labels, ms;
        lock (_lock)
        {
            if (_count == 0) return null;
            labels = _labels[.._count];
            ms = _ms[.._count];
        }
        Array.Sort(labels);
        Array.Sort(ms);
        return new FreshnessSummary(labels.Length, Quantile(labels, 0.5), Quantile(labels, 0.99), Quantile(ms, 0.5), Quantile(ms, 0.99));
    }

    /// <summary>The nearest-rank quantile of sorted values.</summary>
    private static long Quantile(long[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}

/// <summary>The lag of a model's last predictions behind the labels that had arrived.</summary>
public sealed record FreshnessSummary(int Predictions, long LabelsBehindP50, long LabelsBehindP99, long MsBehindP50, long MsBehindP99);
