using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Training;

/// <summary>
/// Durable, append-only storage of labelled events for training. The store numbers each event with a
/// sequence that only grows (never reused, also after a trim), so a range of sequences names a fixed set
/// of examples that can be read again later.
/// </summary>
public interface IExampleStore
{
    /// <summary>
    /// Appends the examples in one transaction, numbered in list order after every sequence given before; each is
    /// stored as its event with its label set. The list is not kept once the task completes: the caller may reuse it.
    /// </summary>
    /// <exception cref="ArgumentException">An example has no event; nothing is appended then.</exception>
    Task AppendAsync(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken);

    /// <summary>The highest sequence stored; 0 when the store is empty.</summary>
    Task<long> LatestSequenceAsync(CancellationToken cancellationToken);

    /// <summary>How many examples are stored.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>The examples with <paramref name="fromSequence"/> ≤ sequence ≤ <paramref name="toSequence"/>, ascending by sequence.</summary>
    Task<IReadOnlyList<LabelledExample>> ReadAsync(long fromSequence, long toSequence, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="count"/> examples with sequence ≤ <paramref name="upToSequence"/>, ascending by sequence.</summary>
    Task<IReadOnlyList<LabelledExample>> ReadLatestAsync(int count, long upToSequence, CancellationToken cancellationToken);

    /// <summary>Deletes every example but the latest <paramref name="keepLatest"/>; returns how many it deleted.</summary>
    Task<long> TrimAsync(long keepLatest, CancellationToken cancellationToken);
}
