namespace StreamMl.Cluster.Benchmarks;

/// <summary>
/// A small online naive Bayes classifier for the drift benchmark: Gaussian likelihoods for numeric features,
/// Laplace-smoothed frequencies for categorical ones, updated one example at a time (test-then-train).
/// </summary>
/// <remarks>
/// <para>
/// The score of class c for an input is log P(c) + Σ log p(xⱼ | c) + Σ log P(vₖ | c), with
/// P(c) = (n_c + 1) / (N + K) over K classes and N examples; p(x | c) the normal density with the class's
/// running mean and sample variance (Welford; at least 1e-9), left out for a class with fewer than two
/// examples; and P(v | c) = (n_{c,v} + 1) / (n_c + V + 1), V the number of distinct values the feature has
/// shown in any class (the extra 1 leaves room for a value not seen yet). Probabilities are the softmax of
/// the scores; ties go to the lowest class.
/// </para>
/// <para>
/// It keeps its statistics over the whole stream and never forgets, so after a concept change it keeps
/// predicting by the old concept for a long time: its error rate rises and stays up, which is what the
/// drift detectors are meant to notice.
/// </para>
/// </remarks>
public sealed class NaiveBayes
{
    private const double MinimumVariance = 1e-9;
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly int _numeric;
    private readonly int _categorical;
    private readonly long[] _classCounts;
    private readonly double[] _means;
    private readonly double[] _squares;
    private readonly Dictionary<string, long>[] _frequencies;
    private readonly HashSet<string>[] _distinct;
    private long _total;

    public NaiveBayes(int classes, int numericFeatures, int categoricalFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(numericFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(categoricalFeatures);
        Classes = classes;
        _numeric = numericFeatures;
        _categorical = categoricalFeatures;
        _classCounts = new long[classes];
        _means = new double[classes * numericFeatures];
        _squares = new double[classes * numericFeatures];
        _frequencies = new Dictionary<string, long>[classes * categoricalFeatures];
        for (var i = 0; i < _frequencies.Length; i++) _frequencies[i] = new Dictionary<string, long>(StringComparer.Ordinal);
        _distinct = new HashSet<string>[categoricalFeatures];
        for (var i = 0; i < _distinct.Length; i++) _distinct[i] = new HashSet<string>(StringComparer.Ordinal);
    }

    public int Classes { get; }

    /// <summary>Examples learned so far.</summary>
    public long Examples => _total;

    /// <summary>Learns one labelled example.</summary>
    public void Learn(ReadOnlySpan<double> numeric, ReadOnlySpan<string> categorical, int label)
    {
        Check(numeric, categorical);
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Classes);
        _total++;
        var n = ++_classCounts[label];
        for (var j = 0; j < _numeric; j++)
        {
            var i = label * _numeric + j;
            var delta = numeric[j] - _means[i];
            _means[i] += delta / n;
            _squares[i] += delta * (numeric[j] - _means[i]);
        }
        for (var k = 0; k < _categorical; k++)
        {
            var value = categorical[k];
            _distinct[k].Add(value);
            var counts = _frequencies[label * _categorical + k];
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>Writes the class probabilities into <paramref name="probabilities"/> (length <see cref="Classes"/>) and returns the predicted class.</summary>
    public int Predict(ReadOnlySpan<double> numeric, ReadOnlySpan<string> categorical, Span<double> probabilities)
    {
        Check(numeric, categorical);
        if (probabilities.Length != Classes) throw new ArgumentException($"expected {Classes} slots", nameof(probabilities));
        var best = 0;
        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] = LogJoint(c, numeric, categorical);
            if (probabilities[c] > probabilities[best]) best = c;
        }
        var max = probabilities[best];
        double sum = 0;
        for (var c = 0; c < Classes; c++) sum += probabilities[c] = Math.Exp(probabilities[c] - max);
        for (var c = 0; c < Classes; c++) probabilities[c] /= sum;
        return best;
    }

    /// <summary>The unnormalised log-probability of class <paramref name="c"/> and the input.</summary>
    public double LogJoint(int c, ReadOnlySpan<double> numeric, ReadOnlySpan<string> categorical)
    {
        var n = _classCounts[c];
        var score = Math.Log((n + 1.0) / (_total + Classes));
        if (n >= 2)
            for (var j = 0; j < _numeric; j++)
            {
                var i = c * _numeric + j;
                var variance = Math.Max(_squares[i] / (n - 1), MinimumVariance);
                var d = numeric[j] - _means[i];
                score += -LogSqrtTwoPi - 0.5 * Math.Log(variance) - d * d / (2 * variance);
            }
        for (var k = 0; k < _categorical; k++)
        {
            var seen = _frequencies[c * _categorical + k].GetValueOrDefault(categorical[k]);
            score += Math.Log((seen + 1.0) / (n + _distinct[k].Count + 1.0));
        }
        return score;
    }

    private void Check(ReadOnlySpan<double> numeric, ReadOnlySpan<string> categorical)
    {
        if (numeric.Length != _numeric) throw new ArgumentException($"expected {_numeric} numeric values, not {numeric.Length}", nameof(numeric));
        if (categorical.Length != _categorical) throw new ArgumentException($"expected {_categorical} categorical values, not {categorical.Length}", nameof(categorical));
    }
}
