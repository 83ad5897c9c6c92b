using StreamMl.Core.Quality;

namespace StreamMl.Core.Slices;

/// <summary>What a slice records of one answered event: its features, its label if known, and the model's answer.</summary>
/// <param name="Numeric">Numeric features in spec order; NaN where missing.</param>
/// <param name="Categorical">Categorical features in spec order; null where missing.</param>
/// <param name="Label">1/0 for a binary label, the value for a numeric one; null when unlabelled.</param>
/// <param name="Score">The model's score (probability of the positive class, or the predicted value).</param>
/// <param name="PredictedPositive">The predicted class of a binary model; null for regression.</param>
/// <param name="ModelVersion">The model version that scored this row when it is not the batch's (a canary); null otherwise.</param>
public sealed record Observation(double[] Numeric, string?[] Categorical, double? Label, double Score, bool? PredictedPositive, string? ModelVersion = null);

/// <summary>The observations of one slice from one ingestion batch, recorded together, and the model version that scored them.</summary>
/// <param name="Rows">The observations, in order.</param>
/// <param name="ObservedAt">When the batch was answered.</param>
/// <param name="ModelVersion">The model version that scored the rows, unless a row names its own.</param>
/// <param name="ShadowOutcomes">Labelled outcomes of shadow models scored on the same rows: they count towards those models' quality only.</param>
public sealed record ObservationBatch(
    IReadOnlyList<Observation> Rows,
    DateTimeOffset ObservedAt,
    string? ModelVersion = null,
    IReadOnlyList<Outcome>? ShadowOutcomes = null);
