using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;

namespace StreamMl.Tests.Support;

/// <summary>Rows of elec.csv as events, serialised as producers write them.</summary>
public static class ElecEvents
{
    private static readonly PipelineSpec Spec = SpecLoader.Load(RepoPaths.Spec("elec2.json"));

    public static IReadOnlyList<EventRecord> Read(int skip, int take, string idPrefix = "e-", bool withLabels = false) =>
        new CsvEventSource(RepoPaths.Dataset("elec.csv"), Spec, withLabels, idPrefix, skip, take).ToList();

    public static byte[] Json(EventRecord e) => EventProducer.Serialize(e);
}
