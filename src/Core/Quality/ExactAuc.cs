namespace StreamMl.Core.Quality;

/// <summary>
/// Every score of a bounded stream of binary outcomes, kept per class, so ROC AUC is exact: the
/// Mann–Whitney probability that a positive scores above a negative, ties counting one half. This is
/// what scikit-learn's <c>roc_auc_score</c> returns. Memory grows with the stream, so it is meant for
/// a window of bounded size.
/// </summary>
public sealed class ExactAuc : IEquatable<ExactAuc>
{
    public ExactAuc()
    {
    }

    /// <summary>An empty instance with room for the given numbers of positive and negative scores.</summary>
    public ExactAuc(int positivesCapacity, int negativesCapacity)
    {
        Positives = new List<double>(positivesCapacity);
        Negatives = new List<double>(negativesCapacity);
    }

    /// <summary>Scores of the positive outcomes, in arrival order.</summary>
    public List<double> Positives { get; set; } = [];

    /// <summary>Scores of the negative outcomes, in arrival order.</summary>
    public List<double> Negatives { get; set; } = [];

    /// <summary>Records a score (not NaN: callers leave unscored outcomes out).</summary>
    public void Add(double score, bool positive)
    {
        if (positive) Positives.Add(score);
        else Negatives.Add(score);
    }

    public void Merge(ExactAuc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Positives.AddRange(other.Positives);
        Negatives.AddRange(other.Negatives);
    }

    /// <summary>The exact ROC AUC; null unless both classes occur. O(n log n): it sorts copies of the scores.</summary>
    public double? Auc()
    {
        if (Positives.Count == 0 || Negatives.Count == 0) return null;
        var positives = Positives.ToArray();
        var negatives = Negatives.ToArray();
        Array.Sort(positives);
        Array.Sort(negatives);
        double wins = 0;
        int below = 0, upTo = 0; // negatives[..below] < p, negatives[below..upTo] == p
        foreach (var p in positives)
        {
            while (below < negatives.Length && negatives[below] < p) below++;
            if (upTo < below) upTo = below;
            while (upTo < negatives.Length && negatives[upTo] <= p) upTo++;
            wins += below + 0.5 * (upTo - below);
        }
        return wins / ((double)positives.Length * negatives.Length);
    }

    public ExactAuc Clone() => new() { Positives = [.. Positives], Negatives = [.. Negatives] };

    public bool Equals(ExactAuc? other) =>
        other is not null && Positives.SequenceEqual(other.Positives) && Negatives.SequenceEqual(other.Negatives);

    public override bool Equals(object? obj) => Equals(obj as ExactAuc);

    public override int GetHashCode() => HashCode.Combine(Positives.Count, Negatives.Count);
}
