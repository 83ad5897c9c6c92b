using StreamMl.Core.Ingestion;

namespace StreamMl.Core.Labels;

/// <summary>A prediction and the label that arrived for its event (a value: one is made for every label joined).</summary>
/// <param name="Prediction">The prediction, as it was added.</param>
/// <param name="Label">The label: 1/0 for binary labels, the value for numeric ones.</param>
public readonly record struct JoinedLabel(PendingPrediction Prediction, double Label)
{
    /// <summary>The predicted event with its label: a training example.</summary>
    public Training.TrainingExample Example => new(Prediction.Event, Label);

    /// <summary>The example an online model learns, when one scored the event; null otherwise.</summary>
    public OnlineLearning.LearningExample? ToLearn(long arrivedAtMs) =>
        Prediction.RevealedLabels is { } revealed
            ? new OnlineLearning.LearningExample(Prediction.Event.Id, Prediction.Event.Numeric, Prediction.Event.Categorical, Label, revealed, arrivedAtMs, Late: true)
            : null;
}
