using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Training;

/// <summary>
/// An event and its label, to be appended to the example store: the label kept beside the event rather than in a
/// labelled copy of it, so that a label that arrives after its prediction costs no second event.
/// </summary>
/// <param name="Event">The event as decoded; its own <see cref="ValidEvent.Label"/> is not read.</param>
/// <param name="Label">The label: 1/0 for binary labels, the value for numeric ones.</param>
public readonly record struct TrainingExample(ValidEvent Event, double Label)
{
    /// <summary>The example of an event that came with its label.</summary>
    /// <exception cref="ArgumentException">The event has no label.</exception>
    public static TrainingExample Of(ValidEvent labelled)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        return labelled.Label is { } label
            ? new TrainingExample(labelled, label)
            : throw new ArgumentException($"event '{labelled.Id}' has no label: only labelled events are training examples", nameof(labelled));
    }
}
