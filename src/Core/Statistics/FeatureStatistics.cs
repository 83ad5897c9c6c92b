using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Statistics of one feature: observed and missing counts plus moments and quantiles, or category counts.</summary>
public sealed class FeatureStatistics : IEquatable<FeatureStatistics>
{
    public FeatureStatistics(FeatureKind kind)
    {
        Kind = kind;
        if (kind == FeatureKind.Numeric)
        {
            Moments = new RunningMoments();
            Sketch = new QuantileSketch();
        }
        else
        {
            Categories = new CategoryFrequencies();
        }
    }

    [JsonConstructor]
    public FeatureStatistics(
        FeatureKind kind, long count, long missing,
        RunningMoments? moments, QuantileSketch? sketch, CategoryFrequencies? categories)
    {
        var numeric = kind == FeatureKind.Numeric;
        if (numeric != (moments is not null) || numeric != (sketch is not null) || numeric == (categories is not null))
            throw new ArgumentException($"Parts do not match feature kind {kind}.");
        Kind = kind;
        Count = count;
        Missing = missing;
        Moments = moments;
        Sketch = sketch;
        Categories = categories;
    }

    public FeatureKind Kind { get; }

    /// <summary>Number of observed (non-missing) values.</summary>
    public long Count { get; private set; }

    public long Missing { get; private set; }

    /// <summary>Moments of the values; numeric features only.</summary>
    public RunningMoments? Moments { get; }

    /// <summary>Quantiles of the values; numeric features only.</summary>
    public QuantileSketch? Sketch { get; }

    /// <summary>Most frequent categories; categorical features only.</summary>
    public CategoryFrequencies? Categories { get; }

    /// <summary>Records a numeric value; null and NaN count as missing.</summary>
    public void AddNumeric(double? value)
    {
        if (Moments is null) throw new InvalidOperationException("Not a numeric feature.");
        if (value is { } v) AddNumeric(Bucket(v));
        else Missing++;
    }

    /// <summary>A value with its bucket in this feature's sketch, to record here and in other statistics of the feature.</summary>
    public BucketedValue Bucket(double value) => (Sketch ?? throw new InvalidOperationException("Not a numeric feature.")).Bucket(value);

    /// <summary>Records a numeric value whose sketch bucket was worked out before (<see cref="QuantileSketch.Bucket"/>); NaN counts as missing.</summary>
    public void AddNumeric(BucketedValue value)
    {
        if (Moments is null) throw new InvalidOperationException("Not a numeric feature.");
        if (double.IsNaN(value.Value))
        {
            Missing++;
            return;
        }
        Count++;
        Moments.Add(value.Value);
        Sketch!.Add(value);
    }

    /// <summary>Records a category; null counts as missing.</summary>
    public void AddCategory(string? value)
    {
        if (Categories is null) throw new InvalidOperationException("Not a categorical feature.");
        if (value is null)
        {
            Missing++;
            return;
        }
        Count++;
        Categories.Add(value);
    }

    public void Merge(FeatureStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Kind != Kind) throw new ArgumentException($"Cannot merge {other.Kind} into {Kind}.", nameof(other));
        Count += other.Count;
        Missing += other.Missing;
        Moments?.Merge(other.Moments!);
        Sketch?.Merge(other.Sketch!);
        Categories?.Merge(other.Categories!);
    }

    public FeatureStatistics Clone() =>
        new(Kind, Count, Missing, Moments?.Clone(), Sketch?.Clone(), Categories?.Clone());

    public bool Equals(FeatureStatistics? other) =>
        other is not null
        && Kind == other.Kind
        && Count == other.Count
        && Missing == other.Missing
        && Equals(Moments, other.Moments)
        && Equals(Sketch, other.Sketch)
        && Equals(Categories, other.Categories);

    public override bool Equals(object? obj) => Equals(obj as FeatureStatistics);

    public override int GetHashCode() => HashCode.Combine(Kind, Count, Missing);
}
