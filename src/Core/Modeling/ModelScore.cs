namespace StreamMl.Core.Modeling;

/// <summary>A model's answer for one event.</summary>
/// <remarks>
/// Scorers answer a batch as an array of these, kept until the batch's answers are written: the optional probability and
/// class are kept as plain values with flags (24 bytes an answer, where nullable fields took 32), and read as nullable
/// properties.
/// </remarks>
public readonly record struct ModelScore
{
    private const byte HasProbability = 1, HasLabel = 2, Positive = 4;

    private readonly double _probability;
    private readonly byte _flags;

    /// <param name="score">The raw score (binary) or the predicted value (numeric label).</param>
    /// <param name="probability">The calibrated probability of the positive class; null for numeric labels.</param>
    /// <param name="predictedLabel">The predicted class; null for numeric labels.</param>
    public ModelScore(double score, double? probability, bool? predictedLabel)
    {
        Score = score;
        Probability = probability;
        PredictedLabel = predictedLabel;
    }

    /// <summary>The raw score (binary) or the predicted value (numeric label).</summary>
    public double Score { get; init; }

    /// <summary>The calibrated probability of the positive class; null for numeric labels.</summary>
    public double? Probability
    {
        get => (_flags & HasProbability) != 0 ? _probability : null;
        init => (_probability, _flags) = value is { } p ? (p, (byte)(_flags | HasProbability)) : (0d, (byte)(_flags & ~HasProbability));
    }

    /// <summary>The predicted class; null for numeric labels.</summary>
    public bool? PredictedLabel
    {
        get => (_flags & HasLabel) != 0 ? (_flags & Positive) != 0 : null;
        init => _flags = (byte)((_flags & HasProbability) | (value switch { null => 0, true => HasLabel | Positive, false => HasLabel }));
    }

    public void Deconstruct(out double score, out double? probability, out bool? predictedLabel) =>
        (score, probability, predictedLabel) = (Score, Probability, PredictedLabel);
}
