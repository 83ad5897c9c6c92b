namespace StreamMl.Core.Lifecycle;

/// <summary>
/// Splits a training snapshot, oldest first, into the examples trained on and the most recent
/// <c>retraining.holdoutFraction</c> of them, held out to judge the challenger against the champion.
/// </summary>
/// <remarks>Holding out the newest examples judges both models on the data closest to what they will serve.</remarks>
public static class HoldoutSplit
{
    /// <summary>How many of <paramref name="count"/> examples are held out: the fraction rounded up, so a non-empty snapshot holds out at least one.</summary>
    public static int HoldoutCount(int count, double holdoutFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(holdoutFraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "the hold-out fraction must be in (0, 1)");
        return (int)Math.Min(count, Math.Ceiling(count * holdoutFraction));
    }

    /// <summary>The oldest examples to train on and the newest to hold out, in their original order.</summary>
    public static (IReadOnlyList<T> Training, IReadOnlyList<T> Holdout) Split<T>(IReadOnlyList<T> snapshot, double holdoutFraction)
    {
        var holdout = HoldoutCount(snapshot.Count, holdoutFraction);
        var training = snapshot.Count - holdout;
        return (snapshot.Take(training).ToArray(), snapshot.Skip(training).ToArray());
    }
}
