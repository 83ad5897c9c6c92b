using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// Mixes one generator per concept by a <see cref="DriftSchedule"/>: event t is drawn from the generator of
/// the concept the schedule picks for t. Each concept's generator is made on first use by
/// <c>factory(concept, seed)</c> with a seed derived from this stream's seed and the concept, and keeps its own
/// state (an idle concept does not advance); the choice between concepts uses a random source of its own.
/// The examples carry the concept that produced them.
/// </summary>
public sealed class DriftingStream : IStreamGenerator
{
    private readonly Func<int, long, IStreamGenerator> _factory;
    private readonly long _seed;
    private readonly int _initialConcept;
    private readonly SeededRandom _mixing;
    private readonly Dictionary<int, IStreamGenerator> _concepts = [];
    private long _position;

    /// <param name="factory">Makes the generator of a concept, given the concept and a seed.</param>
    /// <param name="initialConcept">The concept before the first drift.</param>
    /// <param name="schedule">When and how the concept changes.</param>
    /// <param name="seed">Seeds the concept generators and the mixing.</param>
    public DriftingStream(Func<int, long, IStreamGenerator> factory, int initialConcept, DriftSchedule schedule, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialConcept);
        _factory = factory;
        _initialConcept = initialConcept;
        Schedule = schedule;
        _seed = seed;
        _mixing = new SeededRandom(SeededRandom.Derive(seed, -1));
        var first = Concept(initialConcept);
        NumericNames = first.NumericNames;
        CategoricalNames = first.CategoricalNames;
        ClassCount = first.ClassCount;
    }

    public DriftSchedule Schedule { get; }
    public IReadOnlyList<string> NumericNames { get; }
    public IReadOnlyList<string> CategoricalNames { get; }
    public int ClassCount { get; }

    /// <summary>How many examples have been drawn.</summary>
    public long Position => _position;

    public GeneratedExample Next()
    {
        var concept = Schedule.ConceptAt(_position++, _initialConcept, _mixing);
        var example = Concept(concept).Next();
        return example.Concept == concept ? example : example with { Concept = concept };
    }

    private IStreamGenerator Concept(int concept)
    {
        if (_concepts.TryGetValue(concept, out var generator)) return generator;
        generator = _factory(concept, SeededRandom.Derive(_seed, concept));
        if (_concepts.Count > 0)
        {
            var first = _concepts.Values.First();
            if (!generator.NumericNames.SequenceEqual(first.NumericNames) || !generator.CategoricalNames.SequenceEqual(first.CategoricalNames))
                throw new InvalidOperationException($"concept {concept}'s generator has other features than concept {_concepts.Keys.First()}'s");
        }
        _concepts[concept] = generator;
        return generator;
    }
}
