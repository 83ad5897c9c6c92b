using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Lifecycle;
using StreamMl.Core.Modeling;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;

namespace StreamMl.Core.Training;

/// <summary>A trained model as a node serves it: the hash-addressed artifact and the profile of its training data.</summary>
/// <param name="Profile">Per slice, the training data with the model's own scores: the drift reference of its slices.</param>
public sealed record ModelPackage(ModelArtifact Artifact, TrainingProfile Profile);

/// <summary>A challenger trained, judged beside the champion on the held-out examples, and packaged.</summary>
public sealed record ChallengerResult(
    TrainedModel Model,
    ModelPackage Package,
    EvaluationReport Challenger,
    EvaluationReport? Champion,
    GateDecision Decision,
    bool WarmStarted,
    ImportanceReport? Importance);

/// <summary>
/// The one training workflow, shared by the <c>train</c> command (and the demo) and the trainer of the cluster:
/// train the spec's pipeline (afresh, or warm-started from the champion), package it with its training profile,
/// and, for a challenger, score it and the champion on the newest examples held out from training and let the gate
/// judge.
/// </summary>
public static class TrainingWorkflow
{
    /// <summary>A model's artifact and the profile of the examples it was trained on, scored by it.</summary>
    public static ModelPackage Package(CompiledSpec spec, TrainedModel model, IReadOnlyList<ValidEvent> training, string version)
    {
        var labelled = LabelledExamples.Of(training).Events;
        var profile = TrainingProfile.Build(version, spec, labelled, new ModelScorer(model).Score(labelled));
        return new ModelPackage(ModelArtifact.Create(model), profile);
    }

    /// <summary>
    /// Trains a challenger on a snapshot of labelled examples (oldest first): the newest share given by the spec's
    /// <c>holdoutFraction</c> is held out; the rest trains it, warm-started from <paramref name="champion"/> in
    /// <c>incremental</c> mode; challenger and champion are scored on the held-out examples, overall and per slice,
    /// and the gate decides.
    /// </summary>
    public static ChallengerResult TrainChallenger(CompiledSpec spec, IReadOnlyList<ValidEvent> snapshot, TrainedModel? champion, string mode, string version)
    {
        var (training, holdout) = HoldoutSplit.Split(snapshot, spec.Spec.Retraining.HoldoutFraction);
        var warmStart = mode == RetrainingModes.Incremental && champion is not null;
        var challenger = warmStart ? IncrementalTrainer.Train(champion!, training) : ModelTrainer.Train(spec, training);
        var challengerReport = ModelEvaluation.EvaluateBySlice(challenger, holdout);
        var championReport = champion is null ? null : ModelEvaluation.EvaluateBySlice(champion, holdout);
        var decision = ValidationGate.Decide(spec.Spec.Gate, spec.Spec.Label.Kind, championReport, challengerReport);
        // What the challenger's quality on the hold-out rests on, in the gate's metric and for the slices it judges.
        var importance = holdout.Count == 0 ? null : PermutationImportance.Measure(challenger, holdout, GateMetrics.Resolve(spec.Spec.Gate, spec.Spec.Label.Kind),
            new ImportanceOptions { MinimumSliceExamples = spec.Spec.Gate.MinimumSliceExamples });
        return new ChallengerResult(challenger, Package(spec, challenger, training, version), challengerReport, championReport, decision, warmStart, importance);
    }

    /// <summary>The held-out and training counts a snapshot of <paramref name="count"/> examples splits into.</summary>
    public static (int Training, int Holdout) SplitCounts(CompiledSpec spec, int count)
    {
        var holdout = HoldoutSplit.HoldoutCount(count, spec.Spec.Retraining.HoldoutFraction);
        return (count - holdout, holdout);
    }
}
