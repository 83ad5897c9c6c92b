namespace StreamMl.Core.Modeling;

/// <summary>The prediction columns as a prediction engine writes them.</summary>
internal sealed class ModelOutput
{
    public float Score { get; set; }
    public float Probability { get; set; }
    public bool PredictedLabel { get; set; }
}
