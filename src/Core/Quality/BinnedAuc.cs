namespace StreamMl.Core.Quality;

/// <summary>
/// ROC AUC of an unbounded stream of binary outcomes from per-class counts of the probability in
/// equal-width bins of [0, 1]; exactly mergeable (counts add) and of fixed size.
/// </summary>
/// <remarks>
/// <para>A positive and a negative in different bins are ordered by their bins, which is their true
/// order; a pair in the same bin is counted as one half, as a tie. The true AUC counts such a pair as
/// 0, ½ or 1, so the estimate is off by at most ½ per same-bin pair:
/// |AUC − estimate| ≤ ½ · Σᵢ posᵢ · negᵢ / (P · N), which <see cref="Auc"/> reports for the data
/// at hand. Since Σᵢ posᵢ · negᵢ ≤ P · maxᵢ negᵢ, the bound is at most half the largest share of
/// negatives in one bin: about ½ / <see cref="Bins"/> when scores spread evenly, but up to ½ when every
/// score falls in one bin. Scores tied exactly are counted as ½ by the exact AUC too, so a stream whose
/// only same-bin pairs are exact ties gets the exact value although the bound does not show it.</para>
/// <para>Scores outside [0, 1] go to the first or last bin; that keeps their order with other bins.</para>
/// </remarks>
public sealed class BinnedAuc : IEquatable<BinnedAuc>
{
    /// <summary>Bins of width 0.001.</summary>
    public const int DefaultBins = 1000;

    public BinnedAuc() : this(DefaultBins)
    {
    }

    public BinnedAuc(int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        Positives = new long[bins];
        Negatives = new long[bins];
    }

    /// <summary>Positive outcomes per bin; bin i holds scores in [i / bins, (i + 1) / bins), the last one also 1.</summary>
    public long[] Positives { get; set; }

    /// <summary>Negative outcomes per bin, on the same bins.</summary>
    public long[] Negatives { get; set; }

    public int Bins => Positives.Length;

    /// <summary>Records a score (not NaN: callers leave unscored outcomes out).</summary>
    public void Add(double score, bool positive)
    {
        var bin = Bin(score);
        if (positive) Positives[bin]++;
        else Negatives[bin]++;
    }

    public void Merge(BinnedAuc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Bins != Bins || other.Negatives.Length != Negatives.Length)
            throw new ArgumentException($"Cannot merge {other.Bins} bins into {Bins}.", nameof(other));
        for (var i = 0; i < Bins; i++)
        {
            Positives[i] += other.Positives[i];
            Negatives[i] += other.Negatives[i];
        }
    }

    /// <summary>Bins every score of an exact record (a closed window folded into a lifetime).</summary>
    public void Merge(ExactAuc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var score in other.Positives) Add(score, positive: true);
        foreach (var score in other.Negatives) Add(score, positive: false);
    }

    /// <summary>The estimate and its error bound (see the remarks); null unless both classes occur.</summary>
    public (double Auc, double ErrorBound)? Auc()
    {
        if (Negatives.Length != Bins) throw new InvalidOperationException("Positive and negative bins differ in number.");
        double wins = 0, sameBin = 0, positives = 0, negatives = 0;
        for (var i = 0; i < Bins; i++)
        {
            double pos = Positives[i], neg = Negatives[i];
            wins += pos * (negatives + 0.5 * neg);
            sameBin += pos * neg;
            positives += pos;
            negatives += neg;
        }
        if (positives == 0 || negatives == 0) return null;
        var pairs = positives * negatives;
        return (wins / pairs, 0.5 * sameBin / pairs);
    }

    public BinnedAuc Clone() => new(Bins) { Positives = (long[])Positives.Clone(), Negatives = (long[])Negatives.Clone() };

    private int Bin(double score)
    {
        if (!(score > 0)) return 0;
        if (score >= 1) return Bins - 1;
        return Math.Min((int)(score * Bins), Bins - 1);
    }

    public bool Equals(BinnedAuc? other) =>
        other is not null && Positives.AsSpan().SequenceEqual(other.Positives) && Negatives.AsSpan().SequenceEqual(other.Negatives);

    public override bool Equals(object? obj) => Equals(obj as BinnedAuc);

    public override int GetHashCode() => HashCode.Combine(Bins);
}
