using StreamMl.Core.Randomness;

namespace StreamMl.Streams.Generators;

/// <summary>
/// Random radial basis functions with moving centroids (MOA's RandomRBFGeneratorDrift; Bifet, Holmes,
/// Kirkby &amp; Pfahringer, "MOA: Massive Online Analysis", JMLR 11, 2010). From the seed, <c>centroids</c>
/// centroids (50 by default), each with a centre uniform in [0, 1)^d, a class uniform in 0..classes−1, a
/// standard deviation uniform in [0, 1) and a weight uniform in [0, 1). An example picks a centroid with
/// probability proportional to its weight and lies at a distance N(0, 1)·σ from its centre in a random
/// direction; its label is the centroid's class. Features x1..xd. Drift: the first <c>driftCentroids</c>
/// centroids (all by default) move by <c>speed</c> per example along a random unit direction, bouncing off
/// the faces of the unit cube. Speed 0 is stationary. Each concept is a set of centroids of its own.
/// </summary>
public sealed class RandomRbfGenerator : IStreamGenerator
{
    private readonly SeededRandom _random;
    private readonly double[][] _centres;
    private readonly double[][] _velocity;
    private readonly int[] _classes;
    private readonly double[] _deviations;
    private readonly double[] _cumulativeWeights;
    private readonly string[] _names;
    private readonly int _driftCentroids;

    /// <param name="concept">Tags the examples; the centroids come from the seed.</param>
    /// <param name="seed">Seeds the centroids and the examples.</param>
    /// <param name="features">d, at least 1.</param>
    /// <param name="classes">Labels are 0..classes−1; at least 2.</param>
    /// <param name="centroids">How many centroids; at least 1.</param>
    /// <param name="speed">Distance each moving centroid travels per example; 0 for a stationary stream.</param>
    /// <param name="driftCentroids">How many centroids move; null for all.</param>
    public RandomRbfGenerator(int concept, long seed, int features = 10, int classes = 2, int centroids = 50, double speed = 0.0001,
        int? driftCentroids = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(centroids, 1);
        if (!(speed >= 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "must be 0 or positive");
        var moving = driftCentroids ?? centroids;
        ArgumentOutOfRangeException.ThrowIfNegative(moving, nameof(driftCentroids));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(moving, centroids, nameof(driftCentroids));
        Concept = concept;
        ClassCount = classes;
        Speed = speed;
        _driftCentroids = moving;
        _names = FeatureNames.Numbered("x", features);

        // The centroids come from a stream of their own, so the model does not depend on how examples are drawn.
        var model = new SeededRandom(SeededRandom.Derive(seed, 1));
        _centres = new double[centroids][];
        _classes = new int[centroids];
        _deviations = new double[centroids];
        _cumulativeWeights = new double[centroids];
        var total = 0.0;
        for (var c = 0; c < centroids; c++)
        {
            _centres[c] = new double[features];
            for (var j = 0; j < features; j++) _centres[c][j] = model.NextDouble();
            _classes[c] = model.NextInt(classes);
            _deviations[c] = model.NextDouble();
            total += model.NextDouble();
            _cumulativeWeights[c] = total;
        }
        _velocity = new double[moving][];
        for (var c = 0; c < moving; c++) _velocity[c] = UnitVector(model, features);
        _random = new SeededRandom(SeededRandom.Derive(seed, 2));
    }

    /// <summary>RBF streams under a drift schedule: each concept is a set of centroids of its own (any concept ≥ 0).</summary>
    public static DriftingStream Drifting(long seed, DriftSchedule schedule, int features = 10, int classes = 2, int centroids = 50,
        double speed = 0.0001, int? driftCentroids = null, int initialConcept = 0) =>
        new((concept, s) => new RandomRbfGenerator(concept, s, features, classes, centroids, speed, driftCentroids), initialConcept, schedule, seed);

    public int Concept { get; }
    public double Speed { get; }
    public IReadOnlyList<string> NumericNames => _names;
    public IReadOnlyList<string> CategoricalNames => [];
    public int ClassCount { get; }

    /// <summary>The centre of a centroid now (a copy).</summary>
    public double[] Centre(int centroid) => (double[])_centres[centroid].Clone();

    public GeneratedExample Next()
    {
        if (Speed > 0) Move();
        var pick = _random.NextDouble() * _cumulativeWeights[^1];
        var c = Array.BinarySearch(_cumulativeWeights, pick);
        c = c >= 0 ? Math.Min(c + 1, _cumulativeWeights.Length - 1) : ~c;
        var direction = UnitVector(_random, _names.Length, signed: true);
        var distance = _random.NextGaussian() * _deviations[c];
        var x = new double[_names.Length];
        for (var j = 0; j < x.Length; j++) x[j] = _centres[c][j] + direction[j] * distance;
        return new GeneratedExample(x, [], _classes[c], Concept);
    }

    private void Move()
    {
        for (var c = 0; c < _driftCentroids; c++)
        {
            var centre = _centres[c];
            var v = _velocity[c];
            for (var j = 0; j < centre.Length; j++)
            {
                centre[j] += v[j] * Speed;
                if (centre[j] > 1 || centre[j] < 0)
                {
                    centre[j] = centre[j] > 1 ? 1 : 0;
                    v[j] = -v[j];
                }
            }
        }
    }

    /// <summary>A random unit vector (components in [0, 1) before scaling, or [−1, 1) when signed).</summary>
    private static double[] UnitVector(SeededRandom random, int length, bool signed = false)
    {
        var v = new double[length];
        double norm;
        do
        {
            norm = 0;
            for (var j = 0; j < length; j++)
            {
                v[j] = signed ? 2 * random.NextDouble() - 1 : random.NextDouble();
                norm += v[j] * v[j];
            }
        } while (norm == 0);
        norm = Math.Sqrt(norm);
        for (var j = 0; j < length; j++) v[j] /= norm;
        return v;
    }
}
