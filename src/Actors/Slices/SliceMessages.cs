using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>A message addressed to one slice entity; the extractor routes it by <see cref="SliceId"/>.</summary>
public interface IWithSliceId
{
    string SliceId { get; }
}

/// <summary>Marker of every message, event and snapshot of the slice protocol (one serializer binds them).</summary>
public interface ISliceProtocol;

/// <summary>Record the observations of one ingestion batch in this slice; answered with <see cref="ObservationsAcknowledged"/> once durable.</summary>
public sealed record RecordObservations(string SliceId, ObservationBatch Batch) : IWithSliceId, ISliceProtocol;

/// <summary>The batch is in the journal and applied to the slice's statistics.</summary>
public sealed record ObservationsAcknowledged(string SliceId, long TotalEvents) : ISliceProtocol;

/// <summary>Ask a slice for its statistics; answered with <see cref="SliceStatisticsReply"/>.</summary>
public sealed record GetSliceStatistics(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>A slice's statistics as JSON-ready summaries (lifetime, current window, last closed window).</summary>
public sealed record SliceStatisticsReply(string SliceId, SliceSummary Summary) : ISliceProtocol;

/// <summary>The event a slice persists for each recorded batch.</summary>
public sealed record ObservationsRecorded(ObservationBatch Batch) : ISliceProtocol;

/// <summary>The persisted snapshot of a slice.</summary>
public sealed record SliceSnapshot(SliceState State) : ISliceProtocol;
