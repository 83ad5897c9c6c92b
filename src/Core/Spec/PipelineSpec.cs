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
}

/// <summary>The ML.NET trainer and its hyper-parameters.</summary>
public sealed record ModelSpec
{
    public required string Trainer { get; init; }
    public IReadOnlyDictionary<string, double> HyperParameters { get; set; } = new Dictionary<string, double>();
    /// <summary>Seed of every random choice made while training. Default 1.</summary>
    public int Seed { get; set; } = 1;
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
    /// <summary>
    /// Family-wise significance level of one window's hypothesis tests (KS, chi-squared, two-proportion z):
    /// each of a window's m tests is held to alpha / m (Bonferroni). Default 0.01.
    /// </summary>
    public double Alpha { get; set; } = 0.01;
    /// <summary>Population stability index above which a numeric feature drifts. Default 0.2.</summary>
    public double PsiThreshold { get; set; } = 0.2;
    /// <summary>Jensen–Shannon distance threshold. Default 0.1.</summary>
    public double JensenShannonThreshold { get; set; } = 0.1;
    /// <summary>Wasserstein distance (in reference standard deviations) threshold. Default 0.1.</summary>
    public double WassersteinThreshold { get; set; } = 0.1;
    /// <summary>Largest change of a category's share. Default 0.1.</summary>
    public double LInfinityThreshold { get; set; } = 0.1;
    /// <summary>Tests per feature by name (PopulationStabilityIndex, KolmogorovSmirnov, Wasserstein, JensenShannon, ChiSquared, LInfinity); others get the defaults of their kind.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Features { get; set; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Detector on the error stream: Adwin (default), PageHinkley, Ddm, Eddm, HddmA, Kswin, or None.</summary>
    public string ErrorDetector { get; set; } = "Adwin";
}
