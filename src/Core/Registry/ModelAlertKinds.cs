namespace StreamMl.Core.Registry;

/// <summary>The alert kinds of the model lifecycle (drift kinds come from the slices).</summary>
public static class ModelAlertKinds
{
    /// <summary>The validation gate refused a challenger.</summary>
    public const string Rejected = "model-rejected";
    /// <summary>A node refused to load a model and kept serving the old one.</summary>
    public const string Refused = "model-refused";
    /// <summary>A training run failed.</summary>
    public const string TrainingFailed = "training-failed";
}
