namespace StreamMl.Core.Quality;

/// <summary>
/// The quality of one model version in one slice: over its lifetime (binned AUC, fixed size) and over
/// a tumbling window of its last labelled outcomes (exact AUC, at most the window's size of scores
/// kept), with the last closed window.
/// </summary>
public sealed class VersionQuality : IEquatable<VersionQuality>
{
    public QualityMetrics Lifetime { get; set; } = QualityMetrics.WithBinnedAuc();

    /// <summary>The current window: the outcomes since the last one closed.</summary>
    public QualityMetrics Window { get; set; } = QualityMetrics.WithExactAuc();

    /// <summary>Zero-based index of the current window.</summary>
    public long WindowIndex { get; set; }

    /// <summary>The last closed window, which held exactly the window's size of outcomes; never changed again.</summary>
    public QualityMetrics? LastWindow { get; set; }

    /// <summary>Records an outcome; the window closes as soon as it holds <paramref name="windowSize"/> outcomes.</summary>
    public void Record(double score, bool? predictedPositive, double label, int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        Lifetime.Add(score, predictedPositive, label);
        Window.Add(score, predictedPositive, label);
        if (Window.Count < windowSize) return;
        LastWindow = Window;
        Window = QualityMetrics.WithExactAucSizedLike(LastWindow);
        WindowIndex++;
    }

    public VersionQuality Clone() => new()
    {
        Lifetime = Lifetime.Clone(),
        Window = Window.Clone(),
        WindowIndex = WindowIndex,
        LastWindow = LastWindow?.Clone(),
    };

    public bool Equals(VersionQuality? other) =>
        other is not null
        && WindowIndex == other.WindowIndex
        && Lifetime.Equals(other.Lifetime)
        && Window.Equals(other.Window)
        && Equals(LastWindow, other.LastWindow);

    public override bool Equals(object? obj) => Equals(obj as VersionQuality);

    public override int GetHashCode() => HashCode.Combine(WindowIndex, Lifetime.Count);
}
