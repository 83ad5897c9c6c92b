using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The SINE concepts (Gama, Medas, Castillo &amp; Rodrigues, "Learning with drift detection", SBIA 2004).
/// Two relevant numeric features x1, x2, uniform in [0, 1); optionally two irrelevant ones, noise1 and noise2,
/// also uniform in [0, 1). Concepts: 0 SINE1, label 1 when x2 &lt; sin(x1) (the points below the curve);
/// 1 reversed SINE1; 2 SINE2, label 1 when x2 &lt; 0.5 + 0.3 sin(3π x1); 3 reversed SINE2. No class noise.
/// </summary>
public sealed class SineGenerator : IStreamGenerator
{
    public const int ConceptCount = 4;
    private static readonly string[] Relevant = ["x1", "x2"];
    private static readonly string[] WithNoise = ["x1", "x2", "noise1", "noise2"];
    private readonly SeededRandom _random;

    /// <param name="concept">0 SINE1, 1 reversed SINE1, 2 SINE2, 3 reversed SINE2.</param>
    /// <param name="seed">Seeds the features.</param>
    /// <param name="noiseFeatures">Add the two irrelevant features noise1 and noise2.</param>
    public SineGenerator(int concept, long seed, bool noiseFeatures = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, ConceptCount);
        Concept = concept;
        NoiseFeatures = noiseFeatures;
        _random = new SeededRandom(seed);
    }

    /// <summary>SINE under a drift schedule (concepts 0..3).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, bool noiseFeatures = false, int initialConcept = 0) =>
        new((concept, s) => new SineGenerator(concept, s, noiseFeatures), initialConcept, schedule, seed);

    public int Concept { get; }
    public bool NoiseFeatures { get; }
    public IReadOnlyList<string> NumericNames => NoiseFeatures ? WithNoise : Relevant;
    public IReadOnlyList<string> CategoricalNames => [];
    public int ClassCount => 2;

    /// <summary>The label of a concept at (x1, x2).</summary>
    public static int Classify(int concept, double x1, double x2) => concept switch
    {
        0 => x2 < Math.Sin(x1) ? 1 : 0,
        1 => x2 < Math.Sin(x1) ? 0 : 1,
        2 => x2 < 0.5 + 0.3 * Math.Sin(3 * Math.PI * x1) ? 1 : 0,
        3 => x2 < 0.5 + 0.3 * Math.Sin(3 * Math.PI * x1) ? 0 : 1,
        _ => throw new ArgumentOutOfRangeException(nameof(concept), concept, "SINE has concepts 0..3"),
    };

    public GeneratedExample Next()
    {
        var x = new double[NoiseFeatures ? 4 : 2];
        for (var i = 0; i < x.Length; i++) x[i] = _random.NextDouble();
        return new GeneratedExample(x, [], Classify(Concept, x[0], x[1]), Concept);
    }
}
