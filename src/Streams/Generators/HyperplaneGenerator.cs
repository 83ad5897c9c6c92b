using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// The rotating hyperplane (Hulten, Spencer &amp; Domingos, "Mining time-changing data streams", KDD 2001;
/// parameters as in MOA's HyperplaneGenerator). d numeric features x1..xd uniform in [0, 1); weights w
/// drawn uniform in [0, 1) from the seed (so each concept is its own hyperplane). Label 1 when
/// Σ wᵢxᵢ ≥ ½ Σ wᵢ, else 0, then flipped with probability <c>noise</c> (5% by default). After each example
/// the first <c>driftFeatures</c> weights move by <c>magnitude</c> in their current direction, and each
/// direction reverses with probability <c>sigma</c> (10% by default): a continuous drift. Magnitude 0 is
/// stationary.
/// </summary>
public sealed class HyperplaneGenerator : IStreamGenerator
{
    private readonly SeededRandom _random;
    private readonly double[] _weights;
    private readonly double[] _direction;
    private readonly string[] _names;

    /// <param name="concept">Tags the examples; the hyperplane itself comes from the seed.</param>
    /// <param name="seed">Seeds the weights, features, noise and drift.</param>
    /// <param name="features">d, at least 2.</param>
    /// <param name="magnitude">Weight change per example, in [0, 1]; 0 for a stationary hyperplane.</param>
    /// <param name="driftFeatures">How many weights (the first ones) drift, 0..d.</param>
    /// <param name="sigma">Probability, per example and drifting weight, that its direction reverses.</param>
    /// <param name="noise">Probability of flipping each label.</param>
    public HyperplaneGenerator(int concept, long seed, int features = 10, double magnitude = 0.001, int driftFeatures = 2,
        double sigma = 0.1, double noise = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(driftFeatures);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(driftFeatures, features);
        if (!(magnitude is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "must be in [0, 1]");
        if (!(sigma is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "must be in [0, 1]");
        if (!(noise is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "must be in [0, 1]");
        Concept = concept;
        Magnitude = magnitude;
        DriftFeatures = driftFeatures;
        Sigma = sigma;
        Noise = noise;
        _random = new SeededRandom(seed);
        _weights = new double[features];
        for (var i = 0; i < features; i++) _weights[i] = _random.NextDouble();
        _direction = new double[features];
        for (var i = 0; i < driftFeatures; i++) _direction[i] = 1;
        _names = FeatureNames.Numbered("x", features);
    }

    /// <summary>Hyperplanes under a drift schedule: each concept is a hyperplane of its own (any concept ≥ 0).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, int features = 10, double magnitude = 0.001,
        int driftFeatures = 2, double sigma = 0.1, double noise = 0.05, int initialConcept = 0) =>
        new((concept, s) => new HyperplaneGenerator(concept, s, features, magnitude, driftFeatures, sigma, noise), initialConcept, schedule, seed);

    public int Concept { get; }
    public double Magnitude { get; }
    public int DriftFeatures { get; }
    public double Sigma { get; }
    public double Noise { get; }
    public IReadOnlyList<string> NumericNames => _names;
    public IReadOnlyList<string> CategoricalNames => [];
    public int ClassCount => 2;

    /// <summary>The current weights (a copy).</summary>
    public double[] Weights => (double[])_weights.Clone();

    public GeneratedExample Next()
    {
        var x = new double[_weights.Length];
        double dot = 0, sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = _random.NextDouble();
            dot += _weights[i] * x[i];
            sum += _weights[i];
        }
        var label = dot >= 0.5 * sum ? 1 : 0;
        if (Noise > 0 && _random.NextDouble() < Noise) label = 1 - label;
        if (Magnitude > 0)
            for (var i = 0; i < DriftFeatures; i++)
            {
                _weights[i] += _direction[i] * Magnitude;
                if (_random.NextDouble() < Sigma) _direction[i] = -_direction[i];
            }
        return new GeneratedExample(x, [], label, Concept);
    }
}

internal static class FeatureNames
{
    public static string[] Numbered(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
