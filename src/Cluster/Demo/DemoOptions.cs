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
    /// <summary><c>online</c> (default): the best online learner of the catalogue on elec learns from every label; <c>batch</c>: a first model trained on the head of the CSV, retrained in runs.</summary>
    public string Model { get; init; } = DemoModels.Online;
}

/// <summary>The models the demo can run.</summary>
public static class DemoModels
{
    public const string Online = "online";
    public const string Batch = "batch";

    /// <summary>
    /// The online learner of a spec without one: leveraging bagging of Hoeffding trees with a grace period of 50, split
    /// confidence 0.01 and the last label as an input, the best of the catalogue on elec (89.56 % at label delay 1 in
    /// <c>streamml bench learners</c>).
    /// </summary>
    /// <summary>
    /// Writes the spec at <paramref name="specPath"/> with an online model (its own online learner, or
    /// <see cref="DefaultLearner"/>) as <c>spec.json</c> in <paramref name="directory"/>.
    /// </summary>
    /// <param name="batchChallengers">Whether the spec's retraining triggers stay, training batch challengers beside the online model; else only an operator retrains.</param>
    public static (string Path, Core.Spec.OnlineModelSpec Online) WriteOnlineSpec(string specPath, string directory, bool batchChallengers = true)
    {
        var spec = Core.Spec.SpecLoader.Load(specPath);
        if (!batchChallengers) spec = spec with { Retraining = spec.Retraining with { Triggers = ["operator"] } };
        var online = spec.Model.Online ?? DefaultLearner();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "spec.json");
        File.WriteAllBytes(path, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            spec with { Model = spec.Model with { Kind = Core.Spec.ModelKinds.Online, Online = online } }, Core.Spec.SpecJsonContext.Default.PipelineSpec));
        return (path, online);
    }

    public static Core.Spec.OnlineModelSpec DefaultLearner() => new()
    {
        Learner = Core.Learning.LearnerCatalog.LeveragingBagging,
        HyperParameters = new Dictionary<string, double> { ["gracePeriod"] = 50, ["delta"] = 0.01 },
        LabelHistory = 1,
    };
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
    /// <summary>Published predictions of events with a label, each judged once.</summary>
    public long LabelledPredictions { get; init; }
    /// <summary>Accuracy of the published predictions (the served answers, each made before its label was learnt: test, then train).</summary>
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
    /// <summary>online or batch.</summary>
    public string? ModelKind { get; init; }
    /// <summary>How many events after its event each label was sent.</summary>
    public int LabelLag { get; init; }
    /// <summary>
    /// Accuracy of the no-change baseline (predict the last label sent) at the same label lag over the same events:
    /// what the stream's autocorrelation alone gives.
    /// </summary>
    public double? BaselineAccuracy { get; init; }
    /// <summary>Median and 99th percentile over the online model's predictions of the labels in the label log it had not learnt yet.</summary>
    public long? FreshnessP50 { get; init; }
    public long? FreshnessP99 { get; init; }
    /// <summary>The online champion's examples learnt at the end.</summary>
    public long? ModelUpdates { get; init; }
}

/// <summary>Source-generated JSON for the demo summary.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DemoSummary))]
public sealed partial class DemoJsonContext : JsonSerializerContext;
