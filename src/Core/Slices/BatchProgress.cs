namespace StreamMl.Core.Slices;

/// <summary>What a slice does with a numbered batch from one ingestion source.</summary>
public enum BatchAdmission
{
    /// <summary>The next batch of that source: apply it.</summary>
    Apply,
    /// <summary>Applied before (a resend): ignore it.</summary>
    Duplicate,
    /// <summary>An earlier batch of that source is missing (lost with a node, or dropped while the slice restarted): ignore it until the source resends from the gap.</summary>
    Gap,
}

/// <summary>The last batch of a source applied to a slice, and when.</summary>
public readonly record struct SourceMark(long Applied, DateTimeOffset Updated);

/// <summary>
/// How far each ingestion source's numbered batches have been applied to one slice. A source (one run of one
/// node's ingestion) numbers its batches for a slice 1, 2, 3, …; the slice applies only the next one, so a batch
/// resent after a lost acknowledgement is not counted twice and one lost on the way is noticed. Kept in the
/// slice's snapshot: after a restart the source learns what the slice still has and resends the rest.
/// </summary>
public sealed class BatchProgress
{
    /// <summary>Sources remembered; beyond this the one not heard from longest is forgotten (an ingestion run long gone).</summary>
    public const int MaxSources = 64;

    /// <summary>The applied mark of each source heard from recently (public for serialisation).</summary>
    public Dictionary<string, SourceMark> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last batch of <paramref name="source"/> applied here, 0 when none.</summary>
    public long Applied(string source) => Sources.TryGetValue(source, out var mark) ? mark.Applied : 0;

    /// <summary>Decides what to do with batch <paramref name="sequence"/> of <paramref name="source"/>; on <see cref="BatchAdmission.Apply"/> it is counted as applied.</summary>
    public BatchAdmission Admit(string source, long sequence, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var applied = Applied(source);
        if (sequence <= applied) return BatchAdmission.Duplicate;
        if (sequence > applied + 1) return BatchAdmission.Gap;
        if (applied == 0 && Sources.Count >= MaxSources) ForgetOldest();
        Sources[source] = new SourceMark(sequence, now);
        return BatchAdmission.Apply;
    }

    /// <summary>Takes the source's batches up to <paramref name="sequence"/> as applied (they are lost); false when they already were.</summary>
    public bool SkipTo(string source, long sequence, DateTimeOffset now)
    {
        if (sequence <= Applied(source)) return false;
        if (!Sources.ContainsKey(source) && Sources.Count >= MaxSources) ForgetOldest();
        Sources[source] = new SourceMark(sequence, now);
        return true;
    }

    public BatchProgress Clone() => new() { Sources = new Dictionary<string, SourceMark>(Sources, StringComparer.Ordinal) };

    private void ForgetOldest()
    {
        var oldest = Sources.MinBy(s => s.Value.Updated).Key;
        Sources.Remove(oldest);
    }
}
