using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;

namespace StreamMl.Actors.Labels;

/// <summary>Ask a bucket for its counters; answered with <see cref="LabelJoinCountersReply"/>.</summary>
public sealed record GetLabelJoinCounters(string Bucket) : IWithBucket, ILabelProtocol;

/// <summary>What a bucket has done since it started, and what waits in it now.</summary>
/// <param name="Counters">The join's counters since the bucket started.</param>
/// <param name="PendingPredictions">Predictions waiting for their label.</param>
/// <param name="WaitingLabels">Labels waiting for their prediction (early, or for an id that was never predicted).</param>
/// <param name="PendingBytes">The estimated memory the waiting predictions take.</param>
public sealed record LabelJoinCountersReply(string Bucket, LabelJoinCounters Counters, int PendingPredictions, int WaitingLabels, long PendingBytes = 0) : ILabelProtocol;
