namespace StreamMl.Core.Explanations;

/// <summary>The spec's <c>explain</c> section (not yet a field of the pipeline spec).</summary>
public sealed record ExplainSpec
{
    /// <summary>The most contributions one prediction record may carry.</summary>
    public const int MaxTopK = 32;

    /// <summary>Contributions each prediction record carries, largest first; 0 (the default) carries none and costs nothing.</summary>
    public int TopK { get; set; }

    /// <summary>The spec errors of this section, each naming its field.</summary>
    public IReadOnlyList<string> Check() =>
        TopK is < 0 or > MaxTopK ? [$"explain.topK: {TopK} must be between 0 and {MaxTopK}"] : [];
}
