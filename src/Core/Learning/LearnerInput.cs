using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Learning;

/// <summary>One event's features as a learner reads them, without copying: spans over the validated event's arrays.</summary>
/// <remarks>
/// Numeric values are in schema order with NaN for a missing value; categorical values in schema order with
/// null for a missing one. <see cref="RevealedLabels"/> is read only by a model with a label history (see the
/// class <see cref="Learning.RevealedLabels"/> for how to feed it); every other learner ignores it.
/// </remarks>
public readonly ref struct LearnerInput
{
    public LearnerInput(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, ReadOnlySpan<double> revealedLabels = default)
    {
        Numeric = numeric;
        Categorical = categorical;
        RevealedLabels = revealedLabels;
    }

    public ReadOnlySpan<double> Numeric { get; }
    public ReadOnlySpan<string?> Categorical { get; }

    /// <summary>The labels of the stream revealed before this event was scored, most recent first.</summary>
    public ReadOnlySpan<double> RevealedLabels { get; }

    /// <summary>A validated event's features.</summary>
    public static LearnerInput Of(ValidEvent e) => new(e.Numeric, e.Categorical);

    /// <summary>A validated event's features with the labels revealed before it was scored, most recent first.</summary>
    public static LearnerInput Of(ValidEvent e, ReadOnlySpan<double> revealedLabels) => new(e.Numeric, e.Categorical, revealedLabels);
}
