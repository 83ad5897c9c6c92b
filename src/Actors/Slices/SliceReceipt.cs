namespace StreamMl.Actors.Slices;

/// <summary>The batch number each slice was sent for one ingestion batch: what a checkpoint must find in the slices' snapshots.</summary>
public sealed record SliceReceipt(IReadOnlyDictionary<string, long> Sequences)
{
    public static readonly SliceReceipt None = new(new Dictionary<string, long>());
}
