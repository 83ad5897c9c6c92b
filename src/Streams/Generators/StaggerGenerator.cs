using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The STAGGER concepts (Schlimmer &amp; Granger, "Incremental learning from noisy data", Machine Learning 1(3),
/// 1986). Three categorical features, each uniform over its values: size (small, medium, large), colour
/// (red, green, blue) and shape (circle, square, triangle). Label 1 when the concept holds:
/// concept 0 (A): size = small ∧ colour = red; concept 1 (B): colour = green ∨ shape = circle;
/// concept 2 (C): size = medium ∨ size = large.
/// </summary>
public sealed class StaggerGenerator : IStreamGenerator
{
    public const int ConceptCount = 3;
    public static IReadOnlyList<string> Sizes { get; } = ["small", "medium", "large"];
    public static IReadOnlyList<string> Colours { get; } = ["red", "green", "blue"];
    public static IReadOnlyList<string> Shapes { get; } = ["circle", "square", "triangle"];
    private static readonly string[] Names = ["size", "colour", "shape"];
    private readonly SeededRandom _random;

    /// <param name="concept">0..2 (A, B, C).</param>
    /// <param name="seed">Seeds the features.</param>
    public StaggerGenerator(int concept, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, ConceptCount);
        Concept = concept;
        _random = new SeededRandom(seed);
    }

    /// <summary>STAGGER under a drift schedule (concepts 0..2).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, int initialConcept = 0) =>
        new((concept, s) => new StaggerGenerator(concept, s), initialConcept, schedule, seed);

    public int Concept { get; }
    public IReadOnlyList<string> NumericNames => [];
    public IReadOnlyList<string> CategoricalNames => Names;
    public int ClassCount => 2;

    /// <summary>The label of a concept for the given values.</summary>
    public static int Classify(int concept, string size, string colour, string shape) => concept switch
    {
        0 => size == "small" && colour == "red" ? 1 : 0,
        1 => colour == "green" || shape == "circle" ? 1 : 0,
        2 => size is "medium" or "large" ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(concept), concept, "STAGGER has concepts 0..2"),
    };

    public GeneratedExample Next()
    {
        var size = Sizes[_random.NextInt(3)];
        var colour = Colours[_random.NextInt(3)];
        var shape = Shapes[_random.NextInt(3)];
        return new GeneratedExample([], [size, colour, shape], Classify(Concept, size, colour, shape), Concept);
    }
}
