using System.Text.Json.Serialization;

namespace StreamMl.Core.Statistics;

/// <summary>Mergeable count, mean, second central moment, min and max of a numeric stream.</summary>
/// <remarks>
/// Single updates use Welford's recurrence (B. P. Welford, "Note on a method for calculating corrected
/// sums of squares and products", Technometrics 4(3), 1962), which avoids the cancellation of the
/// naive sum-of-squares formula. <see cref="Merge"/> uses the pairwise combination of Chan, Golub and
/// LeVeque ("Updating formulae and a pairwise algorithm for computing sample variances", Stanford
/// CS report STAN-CS-79-773, 1979), so partial moments from other nodes or batches can be folded in.
/// NaN values are ignored: callers count missing values themselves.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class RunningMoments : IEquatable<RunningMoments>
{
    public long Count { get; set; }

    public double Mean { get; set; }

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; set; }

    // Infinities as identities keep Add branch-free with respect to "first value".
    public double Min { get; set; } = double.PositiveInfinity;

    public double Max { get; set; } = double.NegativeInfinity;

    /// <summary>Sample variance (divisor n - 1); NaN below two values.</summary>
    [JsonIgnore]
    public double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    /// <summary>Population variance (divisor n); NaN when empty.</summary>
    [JsonIgnore]
    public double PopulationVariance => Count < 1 ? double.NaN : M2 / Count;

    /// <summary>Square root of the sample variance.</summary>
    [JsonIgnore]
    public double StandardDeviation => Math.Sqrt(Variance);

    public void Add(double value)
    {
        if (double.IsNaN(value)) return;
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        M2 += delta * (value - Mean);
        if (value < Min) Min = value;
        if (value > Max) Max = value;
    }

    public void Merge(RunningMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        if (Count == 0)
        {
            CopyFrom(other);
            return;
        }

        double na = Count, nb = other.Count, n = na + nb;
        var delta = other.Mean - Mean;
        Mean += delta * (nb / n);
        M2 += other.M2 + delta * delta * (na * nb / n);
        Count += other.Count;
        if (other.Min < Min) Min = other.Min;
        if (other.Max > Max) Max = other.Max;
    }

    public RunningMoments Clone()
    {
        var copy = new RunningMoments();
        copy.CopyFrom(this);
        return copy;
    }

    private void CopyFrom(RunningMoments other)
    {
        Count = other.Count;
        Mean = other.Mean;
        M2 = other.M2;
        Min = other.Min;
        Max = other.Max;
    }

    /// <summary>Exact state equality (bitwise on doubles, NaN equal to NaN).</summary>
    public bool Equals(RunningMoments? other) =>
        other is not null
        && Count == other.Count
        && Mean.Equals(other.Mean)
        && M2.Equals(other.M2)
        && Min.Equals(other.Min)
        && Max.Equals(other.Max);

    public override bool Equals(object? obj) => Equals(obj as RunningMoments);

    public override int GetHashCode() => HashCode.Combine(Count, Mean, M2);
}
