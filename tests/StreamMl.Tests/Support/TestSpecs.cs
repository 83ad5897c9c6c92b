using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamMl.Tests.Support;

/// <summary>Variants of the repository's specs written for tests.</summary>
public static class TestSpecs
{
    private static readonly ConcurrentDictionary<string, string> OperatorOnly = new(StringComparer.Ordinal);

    /// <summary>A copy of a spec whose only retraining trigger is an operator request (written once per test run).</summary>
    public static string OperatorRetrainingOnly(string specPath) => OperatorOnly.GetOrAdd(Path.GetFullPath(specPath), path =>
        With(path, "operator-only", spec =>
        {
            var retraining = spec["retraining"] as JsonObject ?? new JsonObject();
            retraining["triggers"] = new JsonArray("operator");
            spec["retraining"] = retraining;
        }));

    /// <summary>
    /// elec2 with an online model (<paramref name="learner"/>, seed 7) that checkpoints every 2 s, and only an operator
    /// retraining a batch model.
    /// </summary>
    public static string OnlineElec(string learner = "hoeffding-tree", int checkpointEverySeconds = 2) =>
        With(OperatorRetrainingOnly(RepoPaths.Spec("elec2.json")), "online", spec =>
        {
            var model = spec["model"]!.AsObject();
            model["kind"] = "online";
            model["online"] = new JsonObject
            {
                ["learner"] = learner,
                ["seed"] = 7,
                ["checkpointEverySeconds"] = checkpointEverySeconds,
                ["checkpointEveryLabels"] = 5000,
            };
        });

    /// <summary>A copy of a spec changed by <paramref name="change"/>, in the test run's temporary directory.</summary>
    public static string With(string specPath, string variant, Action<JsonObject> change)
    {
        var spec = JsonNode.Parse(File.ReadAllText(specPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        change(spec);
        var directory = Path.Combine(Path.GetTempPath(), $"streamml-tests-{Environment.ProcessId}", "specs");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(specPath)}-{variant}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }
}
