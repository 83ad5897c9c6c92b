using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;

namespace StreamMl.Actors.Labels;

/// <summary>Marker of the label join's messages (bound to the model protocol serializer).</summary>
public interface ILabelProtocol;

/// <summary>A message for one label-join bucket entity.</summary>
public interface IWithBucket
{
    string Bucket { get; }
}
