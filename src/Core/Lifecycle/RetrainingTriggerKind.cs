namespace StreamMl.Core.Lifecycle;

/// <summary>What asked for a retraining run.</summary>
public enum RetrainingTriggerKind
{
    /// <summary>A slice raised a drift alarm.</summary>
    Drift,
    /// <summary>Enough labelled examples arrived since the last run started.</summary>
    Count,
    /// <summary>The schedule came round.</summary>
    Schedule,
    /// <summary>An operator asked for a run.</summary>
    Operator,
}

/// <summary>The spec's names of the trigger kinds (<c>retraining.triggers</c>).</summary>
public static class RetrainingTriggerKinds
{
    private static readonly (string Name, RetrainingTriggerKind Kind)[] All =
    [
        ("drift", RetrainingTriggerKind.Drift),
        ("count", RetrainingTriggerKind.Count),
        ("schedule", RetrainingTriggerKind.Schedule),
        ("operator", RetrainingTriggerKind.Operator),
    ];

    /// <summary>The names a spec may use, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(a => a.Name).ToArray();

    /// <summary>The kind a spec name stands for, or null when the name is not one of <see cref="Names"/>.</summary>
    public static RetrainingTriggerKind? Parse(string name)
    {
        foreach (var (n, kind) in All)
            if (n == name) return kind;
        return null;
    }

    /// <summary>The spec name of a kind.</summary>
    public static string Name(RetrainingTriggerKind kind) => All.First(a => a.Kind == kind).Name;
}
