namespace StreamMl.Core.Learning;

/// <summary>The last labels of a stream in the order they were revealed: what a model with a label history reads.</summary>
/// <remarks>
/// <para>
/// A label history (<see cref="OnlineLearnerSpec.LabelHistory"/> = k) gives a learner the k most recently
/// revealed labels of the stream as k more numeric inputs, <c>revealedLabel1</c> (most recent) to
/// <c>revealedLabelk</c>, NaN while fewer are known. It is a property of the stream, not of one event, so
/// the caller feeds it, and must feed it so that no label is used before it is revealed:
/// </para>
/// <list type="number">
/// <item>call <see cref="Reveal"/> with each label when it becomes known, in the order labels become known;</item>
/// <item>when an event is scored, copy the history (<see cref="CopyTo"/>) and pass it as
/// <see cref="LearnerInput.RevealedLabels"/> to <see cref="IOnlineLearner.Predict"/>;</item>
/// <item>keep that copy with the event, and pass the same copy again when the event's own label is learnt, so
/// that the model learns from exactly the inputs it predicted from (a later history would contain the label).</item>
/// </list>
/// <para>
/// The prequential evaluator does this with label delay d: before event t is scored the labels of events
/// ≤ t − d are revealed, so revealedLabel1 of event t is the label of event t − d.
/// </para>
/// </remarks>
public sealed class RevealedLabels
{
    private readonly double[] _labels;
    private int _next;

    public RevealedLabels(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _labels = new double[capacity];
    }

    public int Capacity => _labels.Length;

    /// <summary>Labels revealed so far, up to <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    public void Reveal(double label)
    {
        if (_labels.Length == 0) return;
        _labels[_next] = label;
        _next = (_next + 1) % _labels.Length;
        if (Count < _labels.Length) Count++;
    }

    /// <summary>Writes the most recent labels first into <paramref name="destination"/>, NaN where none is known yet.</summary>
    public void CopyTo(Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = i < Count ? _labels[(_next - 1 - i + 2 * _labels.Length) % _labels.Length] : double.NaN;
    }
}
