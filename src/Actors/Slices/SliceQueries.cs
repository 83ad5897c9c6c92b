using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>Ask a slice for its statistics; answered with <see cref="SliceStatisticsReply"/>.</summary>
public sealed record GetSliceStatistics(string SliceId) : IWithSliceId, ISliceProtocol;

/// <summary>A slice's statistics as JSON-ready summaries (lifetime, current window, last closed window).</summary>
public sealed record SliceStatisticsReply(string SliceId, SliceSummary Summary) : ISliceProtocol;

/// <summary>The answer to any request for a slice while it restarts after a failure (its database unreachable, say).</summary>
public sealed record SliceUnavailable : ISliceProtocol
{
    public static readonly SliceUnavailable Instance = new();
}
