namespace StreamMl.Core.Training;

/// <summary>
/// Names a set of training examples: their sequence range, how many there are and the SHA-256 of their
/// canonical bytes (see <see cref="CanonicalExampleEncoding"/>). Reading the same examples again later, from
/// any store connection, gives the same snapshot; a change of any field of any example changes the hash.
/// </summary>
/// <param name="FromSequence">The first example's sequence; 0 when there are none.</param>
/// <param name="ToSequence">The last example's sequence; 0 when there are none.</param>
/// <param name="Count">How many examples there are.</param>
/// <param name="Sha256">SHA-256 of the canonical bytes, lower-case hex.</param>
public sealed record TrainingSnapshot(long FromSequence, long ToSequence, int Count, string Sha256)
{
    /// <summary>The snapshot of <paramref name="examples"/>, which must be strictly ascending by sequence (as a store reads them).</summary>
    /// <exception cref="ArgumentException">The examples are not strictly ascending by sequence.</exception>
    public static TrainingSnapshot Of(IReadOnlyList<LabelledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (FirstOutOfOrder(examples) is { } i)
            throw new ArgumentException(
                $"examples must be strictly ascending by sequence: sequence {examples[i].Sequence} at index {i} follows {examples[i - 1].Sequence}",
                nameof(examples));
        using var encoding = new CanonicalExampleEncoding();
        for (var j = 0; j < examples.Count; j++) encoding.Append(examples[j]);
        return examples.Count == 0
            ? new TrainingSnapshot(0, 0, 0, encoding.Sha256())
            : new TrainingSnapshot(examples[0].Sequence, examples[^1].Sequence, examples.Count, encoding.Sha256());
    }

    /// <summary>Whether <paramref name="examples"/> are exactly the examples this snapshot names.</summary>
    public bool Verify(IReadOnlyList<LabelledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count != Count || FirstOutOfOrder(examples) is not null) return false;
        var actual = Of(examples);
        return actual.FromSequence == FromSequence && actual.ToSequence == ToSequence
            && string.Equals(actual.Sha256, Sha256, StringComparison.OrdinalIgnoreCase);
    }

    private static int? FirstOutOfOrder(IReadOnlyList<LabelledExample> examples)
    {
        for (var i = 1; i < examples.Count; i++)
            if (examples[i].Sequence <= examples[i - 1].Sequence) return i;
        return null;
    }
}
