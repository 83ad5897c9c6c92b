namespace StreamMl.Core.Lifecycle;

/// <summary>How a retraining run builds the challenger (<c>retraining.mode</c>).</summary>
public enum RetrainingMode
{
    /// <summary><c>full</c>: the spec's pipeline trained afresh on the snapshot.</summary>
    Full,
    /// <summary><c>incremental</c>: the serving linear model warm-started on the snapshot (see <see cref="Modeling.IncrementalTrainer"/>).</summary>
    Incremental,
}

/// <summary>The spec's names of the retraining modes.</summary>
public static class RetrainingModes
{
    public const string Full = "full";
    public const string Incremental = "incremental";

    /// <summary>The names a spec may use.</summary>
    public static IReadOnlyList<string> Names { get; } = [Full, Incremental];

    /// <summary>The mode a spec name stands for, or null when the name is neither <c>full</c> nor <c>incremental</c>.</summary>
    public static RetrainingMode? Parse(string name) => name switch
    {
        Full => RetrainingMode.Full,
        Incremental => RetrainingMode.Incremental,
        _ => null,
    };
}
