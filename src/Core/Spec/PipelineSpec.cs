using System.Text.Json.Serialization;

namespace StreamMl.Core.Spec;

/// <summary>Describes one stream: its features, label, slices, model and window.</summary>
public sealed record PipelineSpec
{
    public required string Name { get; init; }
    public required IReadOnlyList<FeatureSpec> Features { get; init; }
    /// <summary>Categorical columns computed from a numeric feature at ingestion (used for slicing).</summary>
    public IReadOnlyList<DerivedColumnSpec> Derived { get; set; } = [];
    public required LabelSpec Label { get; init; }
    /// <summary>Slice definitions: a column name, or several joined by commas for a combination.</summary>
    public IReadOnlyList<string> Slices { get; set; } = [];
    public required ModelSpec Model { get; init; }
    public WindowSpec Window { get; set; } = new();
    /// <summary>How slices look for drift; defaults apply when absent.</summary>
    public DriftSpec Drift { get; set; } = new();
    /// <summary>When and how a challenger model is trained; defaults apply when absent.</summary>
    public RetrainingSpec Retraining { get; set; } = new();
    /// <summary>How a challenger is judged against the serving model before promotion; defaults apply when absent.</summary>
    public GateSpec Gate { get; set; } = new();
    /// <summary>Records larger than this are dead-lettered unread. Default 1 MiB.</summary>
    public int MaxEventBytes { get; set; } = 1 << 20;
}

/// <summary>Whether a column holds numbers or category names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))]
public enum ColumnKind
{
    Numeric,
    Categorical,
}

/// <summary>One input feature and the values it may take.</summary>
public sealed record FeatureSpec
{
    public required string Name { get; init; }
    public required ColumnKind Kind { get; init; }
    /// <summary>A required feature must be present and non-null. Default false (missing values are imputed).</summary>
    public bool Required { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>The allowed values of a categorical feature; null allows any.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>A categorical column made by bucketing a numeric feature: value i is chosen when x &lt; Bounds[i].</summary>
public sealed record DerivedColumnSpec
{
    public required string Name { get; init; }
    public required string Source { get; init; }
    /// <summary>Ascending upper bounds; Labels has one more entry than Bounds (the last bucket is open).</summary>
    public required IReadOnlyList<double> Bounds { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
}

/// <summary>The kind of learning task the label implies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabelKind>))]
public enum LabelKind
{
    Binary,
    Numeric,
}

/// <summary>The label column. For binary labels, which values count as the positive class.</summary>
public sealed record LabelSpec
{
    public required string Name { get; init; }
    public LabelKind Kind { get; set; } = LabelKind.Binary;
    /// <summary>Values read as the positive class (numbers compared as text). Default ["1", "true"].</summary>
    public IReadOnlyList<string> PositiveValues { get; set; } = ["1", "true"];
    /// <summary>Values read as the negative class. Default ["0", "false"].</summary>
    public IReadOnlyList<string> NegativeValues { get; set; } = ["0", "false"];
    /// <summary>
    /// Whether labels arrive after their events, on the labels topic: then every unlabelled prediction waits for
    /// its label in the label join. False (labels only inline on events, or none at all) keeps no prediction
    /// waiting. Default true.
    /// </summary>
    public bool Late { get; set; } = true;
}

/// <summary>
/// The stream's model: a batch ML.NET pipeline (<see cref="Trainer"/>, retrained in runs), or an online learner that
/// learns from every label (<see cref="Online"/>). With an online model a trainer is optional: when given, training
/// runs still make batch challengers that compete with it.
/// </summary>
public sealed record ModelSpec
{
    /// <summary><c>batch</c> or <c>online</c> (see <see cref="ModelKinds"/>); absent means batch (and keeps a batch spec's hash as it was).</summary>
    public string? Kind { get; set; }
    /// <summary>The ML.NET trainer of batch models; required for a batch model.</summary>
    public string? Trainer { get; init; }
    public IReadOnlyDictionary<string, double> HyperParameters { get; set; } = new Dictionary<string, double>();
    /// <summary>Seed of every random choice made while training. Default 1.</summary>
    public int Seed { get; set; } = 1;
    /// <summary>The online learner; required for an online model.</summary>
    public OnlineModelSpec? Online { get; set; }

    [JsonIgnore]
    public bool IsOnline => Kind == ModelKinds.Online;
}

/// <summary>The kinds of model a stream can have.</summary>
public static class ModelKinds
{
    public const string Batch = "batch";
    public const string Online = "online";

    public static readonly string[] All = [Batch, Online];
}

/// <summary>
/// An online model: a learner of the Core catalogue, what a drift alarm does to it, and how often the cluster
/// checkpoints it.
/// </summary>
public sealed record OnlineModelSpec
{
    /// <summary>A name of <see cref="Learning.LearnerCatalog.Names"/>.</summary>
    public required string Learner { get; init; }
    public IReadOnlyDictionary<string, double> HyperParameters { get; set; } = new Dictionary<string, double>();
    /// <summary>Seed of every random choice the learner makes. Default 1.</summary>
    public long Seed { get; set; } = 1;
    /// <summary>How many of the last learnt labels the learner reads as inputs (see <see cref="Learning.RevealedLabels"/>). Default 0.</summary>
    public int LabelHistory { get; set; }
    /// <summary>
    /// What a drift alarm does: <c>nothing</c> (default; the learner adapts by itself), <c>reset</c> (the serving
    /// learner starts afresh at that point of the label log) or <c>background</c> (a new learner starts there and
    /// serves in shadow until the gate judges it on prequential quality). See <see cref="OnlineDriftReactions"/>.
    /// </summary>
    public string OnDrift { get; set; } = OnlineDriftReactions.Nothing;
    /// <summary>A checkpoint is taken after this many labels of the log since the last one. Default 10,000.</summary>
    public int CheckpointEveryLabels { get; set; } = 10_000;
    /// <summary>...or after this many seconds, when at least one label was learnt since the last one. Default 30.</summary>
    public int CheckpointEverySeconds { get; set; } = 30;
    /// <summary>
    /// A label whose event id is among the last this many learnt is a duplicate (a replay after a crash) and is not
    /// learnt again. Default 100,000.
    /// </summary>
    public int DuplicateWindow { get; set; } = 100_000;

    /// <summary>The learner, with its settings, as the catalogue takes it.</summary>
    public Learning.OnlineLearnerSpec Learning() =>
        new() { Learner = Learner, HyperParameters = HyperParameters, Seed = Seed, LabelHistory = LabelHistory };
}

/// <summary>What a drift alarm does to an online model.</summary>
public static class OnlineDriftReactions
{
    public const string Nothing = "nothing";
    public const string Reset = "reset";
    public const string Background = "background";

    public static readonly string[] All = [Nothing, Reset, Background];
}

/// <summary>The tumbling window of each slice, counted in events of that slice.</summary>
public sealed record WindowSpec
{
    /// <summary>Events per window per slice. Default 5,000.</summary>
    public int Events { get; set; } = 5000;
}

/// <summary>
/// Drift detection of every slice: two-sample tests between the reference profile and each closed
/// window, and a streaming detector on the error stream of labelled events.
/// </summary>
public sealed record DriftSpec
{
    /// <summary>Fewer values than this on either side skips a test. Default 100.</summary>
    public int MinimumSampleSize { get; set; } = 100;
    /// <summary>Distances are tested only with at least this many values a side; below, the feature gets KS or chi-squared instead. Default 1,000.</summary>
    public int DistanceMinimumSampleSize { get; set; } = 1_000;
    /// <summary>
    /// Family-wise significance level of one window's tests: each of a window's m tests is held to alpha / m
    /// (Bonferroni), so an unchanged window alarms with probability at most alpha. Default 0.01.
    /// </summary>
    public double Alpha { get; set; } = 0.01;
    /// <summary>Population stability index at or below which a numeric feature never drifts (above, it must also be significant). Default 0.2.</summary>
    public double PsiThreshold { get; set; } = 0.2;
    /// <summary>Jensen–Shannon distance floor. Default 0.1.</summary>
    public double JensenShannonThreshold { get; set; } = 0.1;
    /// <summary>Wasserstein distance floor, in reference standard deviations. Default 0.1.</summary>
    public double WassersteinThreshold { get; set; } = 0.1;
    /// <summary>Floor of the largest change of a category's share. Default 0.1.</summary>
    public double LInfinityThreshold { get; set; } = 0.1;
    /// <summary>Consecutive windows without the drift after which a window test's alarm recovers. Default 3.</summary>
    public int RecoveryWindows { get; set; } = 3;
    /// <summary>Tests per feature by name (PopulationStabilityIndex, KolmogorovSmirnov, Wasserstein, JensenShannon, ChiSquared, LInfinity); others get the defaults of their kind.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Features { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Detector on the error stream: Adwin (default), PageHinkley, Ddm, Eddm, HddmA, Kswin, or None.</summary>
    public string ErrorDetector { get; set; } = "Adwin";
}

/// <summary>
/// Retraining of the stream's model: which triggers start a run, how they are debounced, and the
/// labelled examples a run trains and validates on.
/// </summary>
public sealed record RetrainingSpec
{
    /// <summary>
    /// The triggers that start a run: <c>drift</c> (a drift alarm), <c>count</c> (every
    /// <see cref="EveryLabelledExamples"/> labelled examples), <c>schedule</c> (every
    /// <see cref="ScheduleMinutes"/>) and <c>operator</c> (a request; always honoured, listed or not).
    /// Default drift, count and operator.
    /// </summary>
    public IReadOnlyList<string> Triggers { get; set; } = ["drift", "count", "operator"];
    /// <summary>The count trigger fires after this many labelled examples since the last run started. Default 5,000.</summary>
    public int EveryLabelledExamples { get; set; } = 5000;
    /// <summary>Minutes between scheduled runs; required above 0 when the triggers include schedule. Default 0 (off).</summary>
    public int ScheduleMinutes { get; set; }
    /// <summary>Triggers within this many seconds of the first are merged into one run. Default 5.</summary>
    public int DebounceSeconds { get; set; } = 5;
    /// <summary>Seconds after a run finishes before another may start (an operator request does not wait). Default 60.</summary>
    public int CooldownSeconds { get; set; } = 60;
    /// <summary>A snapshot with fewer labelled examples is not trained on. Default 1,000.</summary>
    public int MinimumExamples { get; set; } = 1000;
    /// <summary>A snapshot holds the latest this many labelled examples. Default 10,000.</summary>
    public int WindowExamples { get; set; } = 10000;
    /// <summary>The most recent share of a snapshot, held out from training to judge the challenger. Default 0.2.</summary>
    public double HoldoutFraction { get; set; } = 0.2;
    /// <summary><c>full</c> trains the spec's pipeline afresh; <c>incremental</c> warm-starts the serving linear model. Default full.</summary>
    public string Mode { get; set; } = "full";
    /// <summary>Whether a challenger that passes the gate is promoted without an operator. Default true.</summary>
    public bool AutoPromote { get; set; } = true;
}

/// <summary>The validation gate: how much worse than the serving model a challenger may be, overall and per slice.</summary>
public sealed record GateSpec
{
    /// <summary>
    /// The metric judged: accuracy, auc, f1 or logloss for a binary label; mae or rmse for a numeric one.
    /// Default (null) accuracy for a binary label, rmse for a numeric one.
    /// </summary>
    public string? Metric { get; set; }
    /// <summary>How much worse overall, in the metric's units, the challenger may be. Default 0.005.</summary>
    public double Tolerance { get; set; } = 0.005;
    /// <summary>How much worse in any judged slice the challenger may be. Default 0.02.</summary>
    public double SliceTolerance { get; set; } = 0.02;
    /// <summary>Slices with fewer held-out examples (on either side) are not judged. Default 100.</summary>
    public int MinimumSliceExamples { get; set; } = 100;
}
