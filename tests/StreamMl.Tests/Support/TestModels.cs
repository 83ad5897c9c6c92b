using StreamMl.Cluster.Commands;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Tests.Support;

/// <summary>A model trained once per test run on the first rows of elec.csv.</summary>
public static class TestModels
{
    private static readonly Lazy<string> Elec = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", "elec-v1.zip");
        TrainCommand.Train(RepoPaths.Spec("elec2.json"), RepoPaths.Dataset("elec.csv"), path, rows: 3000, version: "v1");
        return path;
    });

    public static string ElecV1 => Elec.Value;

    /// <summary>Passed as a node's model: the node starts without a batch model (its spec's model learns online).</summary>
    public const string None = "";

    private static readonly Lazy<string> Sea = new(() =>
    {
        // SEA concept 0 (θ = 8) with the stream's 10% label noise: the model and its training profile are of the first concept.
        var spec = new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("sea.json")));
        var decoder = new EventDecoder(spec);
        var generator = new SeaGenerator(concept: 0, seed: 11);
        var examples = GeneratedEvents.ToEvents(generator, includeLabels: true, idPrefix: "train-").Take(5000)
            .Select(e => decoder.Decode(EventProducer.Serialize(e)).Event!).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", "sea-v1.zip");
        TrainCommand.Save(spec, examples, ModelTrainer.Train(spec, examples), path, "v1");
        return path;
    });

    /// <summary>A model of the first SEA concept, trained once per test run.</summary>
    public static string SeaV1 => Sea.Value;
}
