namespace StreamMl.Core.Ingestion;

/// <summary>Whether a checkpoint made its batches durable, and if not, what stood in the way (for the operator's log).</summary>
public readonly record struct Durability(bool Durable, string? Problem)
{
    public static Durability Done => new(true, null);

    public static Durability NotYet(string problem) => new(false, problem);
}
