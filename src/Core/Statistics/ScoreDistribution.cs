namespace StreamMl.Core.Statistics;

/// <summary>Distribution of prediction scores: quantiles, moments and the number of positive predictions.</summary>
public sealed class ScoreDistribution : IEquatable<ScoreDistribution>
{
    public QuantileSketch Sketch { get; init; } = new();

    public RunningMoments Moments { get; init; } = new();

    public long Positives { get; set; }

    /// <summary>Records a score (NaN is ignored by both summaries) and whether it was predicted positive.</summary>
    public void Add(double score, bool positive) => Add(Sketch.Bucket(score), positive);

    /// <summary>Records a score whose sketch bucket was worked out before (<see cref="QuantileSketch.Bucket"/>).</summary>
    public void Add(BucketedValue score, bool positive)
    {
        Sketch.Add(score);
        Moments.Add(score.Value);
        if (positive) Positives++;
    }

    public void Merge(ScoreDistribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Sketch.Merge(other.Sketch);
        Moments.Merge(other.Moments);
        Positives += other.Positives;
    }

    public ScoreDistribution Clone() => new() { Sketch = Sketch.Clone(), Moments = Moments.Clone(), Positives = Positives };

    public bool Equals(ScoreDistribution? other) =>
        other is not null && Positives == other.Positives && Sketch.Equals(other.Sketch) && Moments.Equals(other.Moments);

    public override bool Equals(object? obj) => Equals(obj as ScoreDistribution);

    public override int GetHashCode() => HashCode.Combine(Positives, Moments);
}
