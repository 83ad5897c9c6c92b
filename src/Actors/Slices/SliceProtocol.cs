using StreamMl.Core.Quality;
using StreamMl.Core.Slices;

namespace StreamMl.Actors.Slices;

/// <summary>A message addressed to one slice entity; the extractor routes it by <see cref="SliceId"/>.</summary>
public interface IWithSliceId
{
    string SliceId { get; }
}

/// <summary>Marker of every message, event and snapshot of the slice protocol (one serializer binds them).</summary>
public interface ISliceProtocol;
