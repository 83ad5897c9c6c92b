using System.Text.Json.Serialization;

namespace StreamMl.Core.Quality;

/// <summary>
/// Prequential quality of a stream of labelled predictions: the confusion matrix and log-loss of
/// binary outcomes, absolute and squared errors of regression outcomes, and ROC AUC. Mutable and
/// mergeable, like the other statistics: the merge of two streams' metrics is the metrics of the two
/// streams together.
/// </summary>
/// <remarks>
/// ROC AUC is either exact (<see cref="Exact"/>: every score is kept, for a window of bounded size) or
/// a binned estimate with a known error bound (<see cref="Binned"/>: fixed size, for an unbounded
/// lifetime); <see cref="WithExactAuc"/> and <see cref="WithBinnedAuc"/> choose. An outcome is binary
/// when it carries a predicted class; its label is positive when it equals 1. Metrics made with the
/// parameterless constructor (as deserialisation does before it sets the properties) keep no AUC.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class QualityMetrics : IEquatable<QualityMetrics>
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] for log-loss, as scikit-learn's <c>log_loss</c> does with eps = 1e-15.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>Labelled outcomes recorded, of every kind.</summary>
    public long Count { get; set; }

    public long TruePositives { get; set; }
    public long FalsePositives { get; set; }
    public long TrueNegatives { get; set; }
    public long FalseNegatives { get; set; }

    /// <summary>Binary outcomes with a score: the outcomes of <see cref="LogLossSum"/> and of ROC AUC.</summary>
    public long Scored { get; set; }

    /// <summary>Sum of −ln p(label) over the scored binary outcomes, p clipped to [ε, 1 − ε].</summary>
    public double LogLossSum { get; set; }

    /// <summary>Regression outcomes with a score and a label.</summary>
    public long Regressions { get; set; }

    /// <summary>Sum of |prediction − label| over the regression outcomes.</summary>
    public double AbsoluteErrorSum { get; set; }

    /// <summary>Sum of (prediction − label)² over the regression outcomes.</summary>
    public double SquaredErrorSum { get; set; }

    /// <summary>Every score of the scored binary outcomes, for an exact AUC; null when <see cref="Binned"/> is used.</summary>
    public ExactAuc? Exact { get; set; }

    /// <summary>Binned scores of the scored binary outcomes, for an estimated AUC; null when <see cref="Exact"/> is used.</summary>
    public BinnedAuc? Binned { get; set; }

    /// <summary>Binary outcomes recorded.</summary>
    [JsonIgnore]
    public long Classified => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Metrics whose AUC is exact: they keep every score, so they suit a window of bounded size.</summary>
    public static QualityMetrics WithExactAuc() => new() { Exact = new ExactAuc() };

    /// <summary>
    /// Metrics whose AUC is exact, with room for the scores of a window like <paramref name="previous"/>, so that they
    /// rarely grow a copy: each class gets its count in the previous window and an eighth of the window more (the class
    /// balance moves from window to window, by far more than chance under drift), up to the whole window.
    /// </summary>
    public static QualityMetrics WithExactAucSizedLike(QualityMetrics previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (previous.Exact is not { } exact) return new() { Exact = new ExactAuc() };
        var (positives, negatives) = (exact.Positives.Count, exact.Negatives.Count);
        var window = positives + negatives;
        var margin = window / 8;
        return new() { Exact = new ExactAuc(Math.Min(window, positives + margin), Math.Min(window, negatives + margin)) };
    }

    /// <summary>Metrics of fixed size whose AUC is estimated from <paramref name="bins"/> bins of the probability.</summary>
    public static QualityMetrics WithBinnedAuc(int bins = BinnedAuc.DefaultBins) => new() { Binned = new BinnedAuc(bins) };

    /// <summary>Records one labelled prediction.</summary>
    public void Add(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Add(outcome.Score, outcome.PredictedPositive, outcome.Label);
    }

    /// <summary>Records one labelled prediction given by its parts (see <see cref="Outcome"/>).</summary>
    public void Add(double score, bool? predictedPositive, double label)
    {
        Count++;
        if (double.IsNaN(label)) return;
        if (predictedPositive is { } predicted)
        {
            var positive = label == 1;
            if (predicted) { if (positive) TruePositives++; else FalsePositives++; }
            else { if (positive) FalseNegatives++; else TrueNegatives++; }
            if (double.IsNaN(score)) return;
            Scored++;
            var p = Math.Clamp(score, LogLossEpsilon, 1 - LogLossEpsilon);
            LogLossSum -= positive ? Math.Log(p) : Math.Log(1 - p);
            Exact?.Add(score, positive);
            Binned?.Add(score, positive);
            return;
        }
        if (double.IsNaN(score)) return;
        var error = score - label;
        Regressions++;
        AbsoluteErrorSum += Math.Abs(error);
        SquaredErrorSum += error * error;
    }

    /// <summary>
    /// Folds another stream's metrics in. Exact scores fold into bins, but binned scores cannot become
    /// exact again: merging binned metrics into exact ones throws.
    /// </summary>
    public void Merge(QualityMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Exact is not null && other.Binned is not null)
            throw new InvalidOperationException("Binned scores cannot be merged into metrics with an exact AUC.");
        Count += other.Count;
        TruePositives += other.TruePositives;
        FalsePositives += other.FalsePositives;
        TrueNegatives += other.TrueNegatives;
        FalseNegatives += other.FalseNegatives;
        Scored += other.Scored;
        LogLossSum += other.LogLossSum;
        Regressions += other.Regressions;
        AbsoluteErrorSum += other.AbsoluteErrorSum;
        SquaredErrorSum += other.SquaredErrorSum;
        if (other.Exact is { } exact)
        {
            Exact?.Merge(exact);
            Binned?.Merge(exact);
        }
        if (other.Binned is { } binned) Binned?.Merge(binned);
    }

    /// <summary>The metrics as ratios, null where undefined (see <see cref="QualitySummary"/>).</summary>
    public QualitySummary Summary()
    {
        double? auc = null, bound = null;
        if (Exact?.Auc() is { } exact) (auc, bound) = (exact, 0);
        else if (Binned?.Auc() is { } binned) (auc, bound) = (binned.Auc, binned.ErrorBound);
        var classified = Classified;
        return new QualitySummary(
            Count,
            Ratio(TruePositives + TrueNegatives, classified),
            Ratio(TruePositives, TruePositives + FalsePositives),
            Ratio(TruePositives, TruePositives + FalseNegatives),
            Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives),
            auc,
            bound,
            Scored > 0 ? LogLossSum / Scored : null,
            Regressions > 0 ? AbsoluteErrorSum / Regressions : null,
            Regressions > 0 ? Math.Sqrt(SquaredErrorSum / Regressions) : null,
            Count - Scored - Regressions);
    }

    private static double? Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : null;

    public QualityMetrics Clone() => new()
    {
        Count = Count,
        TruePositives = TruePositives,
        FalsePositives = FalsePositives,
        TrueNegatives = TrueNegatives,
        FalseNegatives = FalseNegatives,
        Scored = Scored,
        LogLossSum = LogLossSum,
        Regressions = Regressions,
        AbsoluteErrorSum = AbsoluteErrorSum,
        SquaredErrorSum = SquaredErrorSum,
        Exact = Exact?.Clone(),
        Binned = Binned?.Clone(),
    };

    /// <summary>Exact state equality (bitwise on the sums).</summary>
    public bool Equals(QualityMetrics? other) =>
        other is not null
        && Count == other.Count
        && TruePositives == other.TruePositives
        && FalsePositives == other.FalsePositives
        && TrueNegatives == other.TrueNegatives
        && FalseNegatives == other.FalseNegatives
        && Scored == other.Scored
        && LogLossSum.Equals(other.LogLossSum)
        && Regressions == other.Regressions
        && AbsoluteErrorSum.Equals(other.AbsoluteErrorSum)
        && SquaredErrorSum.Equals(other.SquaredErrorSum)
        && Equals(Exact, other.Exact)
        && Equals(Binned, other.Binned);

    public override bool Equals(object? obj) => Equals(obj as QualityMetrics);

    public override int GetHashCode() => HashCode.Combine(Count, Classified, Regressions);
}
