namespace StreamMl.Core.OnlineLearning;

/// <summary>One record of the label log: the totally ordered stream every online learner of the cluster applies.</summary>
public abstract record LearningRecord;

/// <summary>
/// A labelled event to learn: its features as the learner reads them, its label, and the labels the serving learner
/// had learnt when the event was scored (most recent first), so that it learns from exactly the inputs it predicted
/// from.
/// </summary>
/// <param name="Id">The event id: a second example with the same id within the duplicate window is not learnt again.</param>
/// <param name="ArrivedAtMs">When the label reached StreamMl (Unix ms): inline with its event, or on the labels topic.</param>
/// <param name="Late">Whether the label came late, through the label join (else inline on its event).</param>
public sealed record LearningExample(
    string Id,
    double[] Numeric,
    string?[] Categorical,
    double Label,
    double[] RevealedLabels,
    long ArrivedAtMs,
    bool Late) : LearningRecord;

/// <summary>A drift alarm's reset of one online version: the version starts afresh from the next record of the log.</summary>
/// <param name="Version">The online model version to reset; other versions ignore the record.</param>
/// <param name="Reason">Why (the alarm), for the lineage.</param>
public sealed record LearnerReset(string Version, string Reason, long AtMs) : LearningRecord;
