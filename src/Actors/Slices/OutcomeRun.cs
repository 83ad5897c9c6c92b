using StreamMl.Core.Quality;

namespace StreamMl.Actors.Slices;

/// <summary>
/// The outcomes of one slice gathered between two flushes, in order, kept as the lists they arrived in rather than
/// copied into one. Read in order (enumerated); reading by index walks the lists.
/// </summary>
public sealed class OutcomeRun(int parts) : IReadOnlyList<Outcome>
{
    private readonly List<IReadOnlyList<Outcome>> _parts = new(Math.Max(parts, 1));

    public int Count { get; private set; }

    /// <summary>How many lists the outcomes came in.</summary>
    public int Parts => _parts.Count;

    public void Add(IReadOnlyList<Outcome> outcomes)
    {
        _parts.Add(outcomes);
        Count += outcomes.Count;
    }

    public Outcome this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            foreach (var part in _parts)
            {
                if (index < part.Count) return part[index];
                index -= part.Count;
            }
            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<Outcome> GetEnumerator()
    {
        foreach (var part in _parts)
            for (var i = 0; i < part.Count; i++)
                yield return part[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
