using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;
using StreamMl.Core.Slices;
using StreamMl.Core.Training;

namespace StreamMl.Core.Routing;

/// <summary>
/// What one batch of valid events becomes once scored: the answer to each event, what each slice records,
/// the predictions that wait in the label join for their labels, and the events that came labelled.
/// </summary>
public sealed class RoutedBatch
{
    /// <summary>One prediction per event, in the events' order.</summary>
    public required BatchPredictions Predictions { get; init; }

    /// <summary>The observations of each slice the batch touched, by slice key, each in event order.</summary>
    public required Dictionary<string, ObservationBatch> Slices { get; init; }

    /// <summary>Unlabelled predictions that wait for their label, by label-join bucket; empty when labels never come late.</summary>
    public required Dictionary<string, PendingPrediction[]> Pending { get; init; }

    /// <summary>The events that carried their label: training examples at once.</summary>
    public required List<TrainingExample> Labelled { get; init; }

    /// <summary>The labelled events as examples for the label log, when an online model scored them; else empty.</summary>
    public required List<OnlineLearning.LearningExample> ToLearn { get; init; }
}
