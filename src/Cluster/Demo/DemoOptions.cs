using System.Text.Json.Serialization;

namespace StreamMl.Cluster.Demo;

/// <summary>What the demo runs on.</summary>
public sealed record DemoOptions
{
    public required string Csv { get; init; }
    public required string Spec { get; init; }
    public required int TrainRows { get; init; }
    public int? Events { get; init; }
    public required string DataDirectory { get; init; }

    /// <summary>Finds a path relative to the repository root (the directory holding StreamMl.sln) from the current directory or the executable.</summary>
    public static string FindDefault(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "StreamMl.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, relative));
        return Path.GetFullPath(relative);
    }
}

/// <summary>The demo's one-line result.</summary>
public sealed record DemoSummary(
    long Events,
    long Predictions,
    long DeadLetters,
    int Slices,
    double ElapsedSeconds,
    double EventsPerSecond,
    string ModelVersion);

/// <summary>Source-generated JSON for the demo summary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DemoSummary))]
public sealed partial class DemoJsonContext : JsonSerializerContext;
