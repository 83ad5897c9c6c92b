using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>Ask a slice for its statistics; answered with <see cref="SliceStatisticsReply"/>.</summary>
public sealed record GetSliceStatistics(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>A slice's statistics as JSON-ready summaries (lifetime, current window, last closed window).</summary>
public sealed record SliceStatisticsReply(string SliceId, SliceSummary Summary) : ISliceProtocol;

/// <summary>Start the slice (recovering its state) if it sleeps; answered with <see cref="SliceAwake"/> once it has recovered.</summary>
public sealed record WakeSlice(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>The slice has recovered its state and takes batches.</summary>
public sealed record SliceAwake(string SliceId, long TotalEvents) : ISliceProtocol;

/// <summary>The answer to any request for a slice while it restarts after a failure (its database unreachable, say).</summary>
public sealed record SliceUnavailable : ISliceProtocol
{
    public static readonly SliceUnavailable Instance = new();
}
