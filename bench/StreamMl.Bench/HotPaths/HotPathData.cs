using StreamMl.Cluster.Commands;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Bench.HotPaths;

/// <summary>The hot-path benchmarks' inputs: the first elec events as producers write them, decoded, observed and answered.</summary>
public static class HotPathData
{
    public const int BatchSize = 500;

    public static readonly CompiledSpec Spec = new(SpecLoader.Load(BundledFiles.Spec("elec2")));

    /// <summary>Event records as bytes, with their labels inline.</summary>
    public static readonly byte[][] EventJson = BenchEvents.Read(BundledFiles.Dataset("elec"), Spec, includeLabels: true)
        .Take(BatchSize).Select(e => BenchEvents.ToMessage(e).Value!).ToArray();

    public static readonly ValidEvent[] Events = EventJson.Select(json => new EventDecoder(Spec).Decode(json).Event!).ToArray();

    public static readonly Core.Training.TrainingExample[] Examples = Events.Select(Core.Training.TrainingExample.Of).ToArray();

    /// <summary>One batch of observations, scored by a stand-in (the label), as the router hands it to a slice.</summary>
    public static ObservationBatch Observations() => new(
        Events.Select(e => new Observation(e.Numeric, e.Categorical, e.Label, e.Label ?? 0.5, e.Label == 1)).ToList(), DateTimeOffset.UnixEpoch, "v1");

    public static readonly PredictionRecord[] Predictions = Events.Select((e, i) =>
        new PredictionRecord(e.Id, "v1", 0.25 + i % 50 / 100.0, 0.5 + i % 40 / 100.0, i % 2 == 0, e.Slices, DateTimeOffset.UnixEpoch.AddSeconds(i))).ToArray();
}
