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
    /// <summary>Whether the data directory is left in place at the end (always, when the user named it).</summary>
    public bool KeepDataDirectory { get; init; }
    /// <summary>Whether the node logs the actor system's informational messages too.</summary>
    public bool Verbose { get; init; }
    /// <summary>Events per second replayed; 0 is as fast as the node takes them. Default 4,000, so that retraining runs during the replay.</summary>
    public double Rate { get; init; } = 4000;
    /// <summary>How many events later an event's label is sent on the labels topic. Default 200.</summary>
    public int LabelLag { get; init; } = 200;

}

/// <summary>The demo's one-line result.</summary>
public sealed record DemoSummary(
    long Events,
    long Predictions,
    long DeadLetters,
    int Slices,
    double ElapsedSeconds,
    double EventsPerSecond,
    string ModelVersion)
{
    /// <summary>Labels sent on the labels topic, each after its event.</summary>
    public long Labels { get; init; }
    /// <summary>Predictions whose label was joined back to them (the global slice's outcomes).</summary>
    public long LabelledPredictions { get; init; }
    /// <summary>Accuracy of the predictions made, each judged by its label once it arrived (test, then train).</summary>
    public double? PrequentialAccuracy { get; init; }
    /// <summary>Training runs that finished.</summary>
    public int Retrainings { get; init; }
    /// <summary>Trained models the gate blessed and the registry promoted.</summary>
    public int Promotions { get; init; }
    /// <summary>Trained models the gate refused.</summary>
    public int Rejections { get; init; }
    /// <summary>The champion at the end.</summary>
    public string? Champion { get; init; }
    /// <summary>Every version that answered labelled events.</summary>
    public IReadOnlyList<string> ModelVersions { get; init; } = [];
}

/// <summary>Source-generated JSON for the demo summary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DemoSummary))]
public sealed partial class DemoJsonContext : JsonSerializerContext;
