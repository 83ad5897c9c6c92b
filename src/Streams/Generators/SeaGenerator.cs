using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The SEA concepts (Street &amp; Kim, "A streaming ensemble algorithm (SEA) for large-scale classification",
/// KDD 2001). Three numeric features attrib1..attrib3, each uniform in [0, 10); only the first two matter.
/// Label 1 when attrib1 + attrib2 ≤ θ, else 0, with θ = 8, 9, 7 and 9.5 for concepts 0..3. Class noise: each
/// label is flipped with probability <c>noise</c> (10% by default, as in the paper).
/// </summary>
public sealed class SeaGenerator : IStreamGenerator
{
    public const int ConceptCount = 4;
    private static readonly double[] Thresholds = [8, 9, 7, 9.5];
    private static readonly string[] Names = ["attrib1", "attrib2", "attrib3"];
    private readonly SeededRandom _random;
    private readonly double _threshold;

    /// <param name="concept">0..3, choosing θ.</param>
    /// <param name="seed">Seeds the features and the noise.</param>
    /// <param name="noise">Probability of flipping each label, in [0, 1].</param>
    public SeaGenerator(int concept, long seed, double noise = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, ConceptCount);
        if (!(noise is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "the noise must be in [0, 1]");
        Concept = concept;
        Noise = noise;
        _threshold = Thresholds[concept];
        _random = new SeededRandom(seed);
    }

    /// <summary>SEA under a drift schedule (concepts 0..3).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, double noise = 0.1, int initialConcept = 0) =>
        new((concept, s) => new SeaGenerator(concept, s, noise), initialConcept, schedule, seed);

    public int Concept { get; }
    public double Noise { get; }
    public IReadOnlyList<string> NumericNames => Names;
    public IReadOnlyList<string> CategoricalNames => [];
    public int ClassCount => 2;

    /// <summary>θ of a concept.</summary>
    public static double Threshold(int concept) => Thresholds[concept];

    /// <summary>The noise-free label: 1 when attrib1 + attrib2 ≤ θ(concept).</summary>
    public static int Classify(int concept, double attrib1, double attrib2) => attrib1 + attrib2 <= Thresholds[concept] ? 1 : 0;

    public GeneratedExample Next()
    {
        var x = new double[3];
        for (var i = 0; i < 3; i++) x[i] = 10 * _random.NextDouble();
        var label = x[0] + x[1] <= _threshold ? 1 : 0;
        if (Noise > 0 && _random.NextDouble() < Noise) label = 1 - label;
        return new GeneratedExample(x, [], label, Concept);
    }
}
