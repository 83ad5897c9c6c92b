namespace StreamMl.Core.OnlineLearning;

/// <summary>
/// The label log: one totally ordered stream of <see cref="LearningRecord"/>s (a single Kafka partition) that every
/// replica of every online model applies in the same order. Writers are the ingestion of inline labels, the label join
/// of late ones, and drift reactions.
/// </summary>
public interface ILearningLog
{
    /// <summary>Appends the records in order; completes once each is in the log, with the offset of the last (−1 for none).</summary>
    Task<long> AppendAsync(IReadOnlyList<LearningRecord> records, CancellationToken cancellationToken);

    /// <summary>The offset the next record will get: where a version that starts now begins.</summary>
    Task<long> EndOffsetAsync(CancellationToken cancellationToken);
}
