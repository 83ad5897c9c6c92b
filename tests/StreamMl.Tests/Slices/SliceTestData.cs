using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;

namespace StreamMl.Tests.Slices;

/// <summary>Observations made from the first rows of elec.csv, with the label as a stand-in score.</summary>
public static class SliceTestData
{
    public static readonly CompiledSpec Spec = new(SpecLoader.Load(RepoPaths.Spec("elec2.json")));

    private static readonly Lazy<IReadOnlyList<ValidEvent>> Events = new(() => CsvExamples.Read(RepoPaths.Dataset("elec.csv"), Spec).Take(6000).ToList());

    public static IReadOnlyList<ValidEvent> Rows(int count) => Events.Value.Take(count).ToList();

    public static Observation Observe(ValidEvent e) =>
        new(e.Numeric, e.Categorical, e.Label, e.Label ?? 0.5, e.Label == 1);

    public static IEnumerable<ObservationBatch> Batches(IReadOnlyList<ValidEvent> events, int size, DateTimeOffset start) =>
        events.Chunk(size).Select((chunk, i) => new ObservationBatch(chunk.Select(Observe).ToList(), start.AddSeconds(i)));
}
