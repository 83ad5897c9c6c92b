using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;

namespace StreamMl.Tests.Support;

public static class TrainingExamples
{
    /// <summary>Labelled events as the examples an example store appends (each event's own label).</summary>
    public static List<TrainingExample> AsExamples(this IEnumerable<ValidEvent> labelled) => labelled.Select(TrainingExample.Of).ToList();
}
