using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// One concept change: from <see cref="Position"/> (an event index counted from 0) the stream moves to
/// <see cref="Concept"/>. Width 0 is abrupt: events before the position come from the old concept, the event
/// at the position and after from the new one. Width w &gt; 0 is gradual: event t comes from the new concept
/// with probability p(t) = 1 / (1 + exp(−4 (t − position) / w)), a sigmoid centred on the position
/// (p = 0.5 there) whose slope there is 1/w, as in MOA's ConceptDriftStream (Bifet et al., "MOA: Massive
/// Online Analysis", JMLR 11, 2010).
/// </summary>
public sealed record ConceptDrift(long Position, int Concept, long Width = 0)
{
    /// <summary>The probability that event <paramref name="t"/> comes from the new concept.</summary>
    public double Probability(long t) =>
        Width == 0 ? (t >= Position ? 1.0 : 0.0) : 1.0 / (1.0 + Math.Exp(-4.0 * (t - Position) / Width));
}

/// <summary>
/// The concept changes of a stream, in order of position. Later drifts nest inside earlier ones, as MOA's
/// chained ConceptDriftStreams do: at event t the stream starts from the initial concept and, for each drift
/// in turn, moves on to that drift's concept with the drift's probability p(t), stopping at the first drift
/// it does not take.
/// </summary>
public sealed class DriftSchedule
{
    public DriftSchedule(IEnumerable<ConceptDrift> drifts)
    {
        Drifts = drifts.ToArray();
        for (var i = 0; i < Drifts.Count; i++)
        {
            var d = Drifts[i];
            if (d.Position < 0) throw new ArgumentException($"drift {i}: the position must not be negative, not {d.Position}", nameof(drifts));
            if (d.Width < 0) throw new ArgumentException($"drift {i}: the width must not be negative, not {d.Width}", nameof(drifts));
            if (d.Concept < 0) throw new ArgumentException($"drift {i}: the concept must not be negative, not {d.Concept}", nameof(drifts));
            if (i > 0 && d.Position <= Drifts[i - 1].Position)
                throw new ArgumentException($"drift {i}: positions must be strictly ascending", nameof(drifts));
        }
    }

    public DriftSchedule(params ConceptDrift[] drifts) : this((IEnumerable<ConceptDrift>)drifts)
    {
    }

    /// <summary>No drift: every event comes from the initial concept.</summary>
    public static DriftSchedule Stationary { get; } = new();

    public IReadOnlyList<ConceptDrift> Drifts { get; }

    /// <summary>
    /// Drifts at the given positions, all of one width, moving through the concepts in turn:
    /// drift i goes to concept (initial + i + 1) mod <paramref name="conceptCount"/>.
    /// </summary>
    public static DriftSchedule Sequence(IEnumerable<long> positions, long width, int conceptCount, int initialConcept = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conceptCount, 2);
        return new(positions.Select((p, i) => new ConceptDrift(p, (initialConcept + i + 1) % conceptCount, width)));
    }

    /// <summary>The concept of event <paramref name="t"/>, drawing from <paramref name="random"/> only for gradual drifts.</summary>
    public int ConceptAt(long t, int initialConcept, SeededRandom random)
    {
        var concept = initialConcept;
        foreach (var drift in Drifts)
        {
            var p = drift.Probability(t);
            var take = drift.Width == 0 ? p >= 1 : random.NextDouble() < p;
            if (!take) break;
            concept = drift.Concept;
        }
        return concept;
    }
}
