using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Training;

/// <summary>A labelled event as kept for training, with the sequence number its store gave it.</summary>
/// <param name="Sequence">The store's sequence number: positive, unique, ascending in append order.</param>
/// <param name="Event">The event; its <see cref="ValidEvent.Label"/> is never null.</param>
public sealed record LabelledExample(long Sequence, ValidEvent Event)
{
    /// <summary>The event; its <see cref="ValidEvent.Label"/> is never null.</summary>
    public ValidEvent Event { get; } = Labelled(Event);

    private static ValidEvent Labelled(ValidEvent e)
    {
        ArgumentNullException.ThrowIfNull(e, nameof(Event));
        if (e.Label is null) throw new ArgumentException($"event '{e.Id}' has no label: a training example must be labelled", nameof(Event));
        return e;
    }
}
