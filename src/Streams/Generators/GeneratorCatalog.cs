using System.Globalization;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The generators by name, with the settings the specs under <c>specs/</c> expect: <c>sea</c>, <c>agrawal</c>,
/// <c>stagger</c>, <c>sine</c>, <c>hyperplane</c> (d = 10) and <c>rbf</c> (d = 10, 2 classes, 50 centroids).
/// </summary>
public static class GeneratorCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["sea", "agrawal", "stagger", "sine", "hyperplane", "rbf"];

    /// <summary>
    /// How many concepts a drift schedule may move between: SEA 4, Agrawal 10, STAGGER 3, SINE 4. Hyperplane and RBF
    /// take any concept (each is a fresh hyperplane or set of centroids); 4 is used for their schedules.
    /// </summary>
    public static int ConceptCount(string name) => Canonical(name) switch
    {
        "sea" => SeaGenerator.ConceptCount,
        "agrawal" => AgrawalGenerator.ConceptCount,
        "stagger" => StaggerGenerator.ConceptCount,
        "sine" => SineGenerator.ConceptCount,
        _ => 4,
    };

    /// <summary>
    /// The generator <paramref name="name"/> under <paramref name="schedule"/>. With <paramref name="continuousDrift"/>,
    /// the hyperplane rotates (magnitude 0.001) and the RBF centroids move (speed 0.0001) between scheduled drifts
    /// too; without it, those two are stationary apart from the schedule. Other generators ignore it.
    /// </summary>
    public static IStreamGenerator Create(string name, long seed, DriftSchedule? schedule = null, bool continuousDrift = true)
    {
        schedule ??= DriftSchedule.Stationary;
        return Canonical(name) switch
        {
            "sea" => SeaGenerator.Drifting(seed, schedule),
            "agrawal" => AgrawalGenerator.Drifting(seed, schedule),
            "stagger" => StaggerGenerator.Drifting(seed, schedule),
            "sine" => SineGenerator.Drifting(seed, schedule),
            "hyperplane" => HyperplaneGenerator.Drifting(seed, schedule, magnitude: continuousDrift ? 0.001 : 0),
            _ => RandomRbfGenerator.Drifting(seed, schedule, speed: continuousDrift ? 0.0001 : 0),
        };
    }

    /// <summary>
    /// A schedule from command-line text: <paramref name="positions"/> "N[,M…]" (empty or null for none), each drift of
    /// <paramref name="width"/> events (0 abrupt), moving through the concepts of <paramref name="name"/> in turn.
    /// </summary>
    /// <exception cref="FormatException">A position is not a non-negative integer, or they are not ascending.</exception>
    public static DriftSchedule Schedule(string name, string? positions, long width)
    {
        if (string.IsNullOrWhiteSpace(positions)) return DriftSchedule.Stationary;
        if (width < 0) throw new FormatException($"the drift width must not be negative, not {width}");
        var parsed = new List<long>();
        foreach (var part in positions.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                throw new FormatException($"'{part}' is not a drift position (a non-negative event index)");
            if (parsed.Count > 0 && p <= parsed[^1]) throw new FormatException("drift positions must be strictly ascending");
            parsed.Add(p);
        }
        return DriftSchedule.Sequence(parsed, width, ConceptCount(name));
    }

    private static string Canonical(string name)
    {
        foreach (var known in Names)
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) return known;
        throw new ArgumentException($"unknown generator '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
