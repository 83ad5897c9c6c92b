using System.Globalization;
using System.Text.Json.Nodes;
using StreamMl.Cluster.Commands;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Tests.Support;

/// <summary>SEA with attrib3 cut into many equal bins: one slice per bin (b0000, b0001, …) plus the global slice.</summary>
public static class SeaBins
{
    /// <summary>sea.json with attrib3's level cut into <paramref name="bins"/> bins over [0, 10).</summary>
    public static string Spec(int bins) => TestSpecs.With(RepoPaths.Spec("sea.json"), $"{bins}-bins", spec =>
    {
        var derived = spec["derived"]![0]!.AsObject();
        derived["bounds"] = new JsonArray(Enumerable.Range(1, bins - 1).Select(i => (JsonNode)JsonValue.Create(i * 10.0 / bins)).ToArray());
        derived["labels"] = new JsonArray(Enumerable.Range(0, bins).Select(i => (JsonNode)JsonValue.Create(Label(i))).ToArray());
    });

    /// <summary>The slice of bin <paramref name="bin"/>.</summary>
    public static string Slice(int bin) => $"attrib3Level={Label(bin)}";

    /// <summary>One event in the middle of each bin, ids <c>{prefix}{bin}</c>.</summary>
    public static List<EventRecord> OnePerBin(int bins, string prefix) => Enumerable.Range(0, bins).Select(i => new EventRecord($"{prefix}{i}", null,
        new Dictionary<string, FeatureValue>
        {
            ["attrib1"] = FeatureValue.Of(3), ["attrib2"] = FeatureValue.Of(4), ["attrib3"] = FeatureValue.Of((i + 0.5) * 10.0 / bins),
        }, null)).ToList();

    /// <summary>A model of the spec trained on 2,000 SEA events, saved as an artifact.</summary>
    public static string Model(string specPath)
    {
        var spec = new CompiledSpec(SpecLoader.Load(specPath));
        var decoder = new EventDecoder(spec);
        var examples = GeneratedEvents.ToEvents(new SeaGenerator(concept: 0, seed: 3), includeLabels: true, idPrefix: "train-").Take(2000)
            .Select(e => decoder.Decode(EventProducer.Serialize(e)).Event!).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", $"sea-bins-{Guid.NewGuid():N}.zip");
        TrainCommand.Save(spec, examples, ModelTrainer.Train(spec, examples), path, "v1");
        return path;
    }

    private static string Label(int bin) => $"b{bin.ToString("0000", CultureInfo.InvariantCulture)}";
}
