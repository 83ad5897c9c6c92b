using System.Globalization;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Core.Randomness;

namespace StreamMl.Bench.Drift;

/// <summary>
/// A stream split over regions, as its slices record it: SEA's three numeric features (uniform on [0, 10)), the region as
/// a categorical feature, a derived band of attrib1 (four categories), the SEA label of the concept the schedule gives
/// (10% label noise), and the answer of a fixed model of concept 0 (predict 1 when attrib1 + attrib2 ≤ 8, with a
/// logistic score), so the error stream is stationary until the concept moves. Events fall in the regions uniformly
/// at random. Optionally one feature of one region moves by a fixed amount from a given event on.
/// </summary>
public sealed class RegionStream
{
    public const string ModelVersion = "v1";

    private readonly SeededRandom _random;
    private readonly DriftSchedule _schedule;
    private readonly string[] _regionNames;
    private readonly int? _shiftedRegion;
    private readonly int _shiftedFeature;
    private readonly double _shift;
    private readonly long _shiftFrom;
    private long _position;

    /// <param name="regions">How many regions (each a slice besides the global one).</param>
    /// <param name="seed">Seeds everything.</param>
    /// <param name="schedule">SEA concept changes (θ = 8, 9, 7, 9.5 for concepts 0..3); stationary when null.</param>
    /// <param name="shiftedRegion">The region whose feature moves, if any.</param>
    /// <param name="shift">How far it moves (each feature's standard deviation is 10/√12 ≈ 2.89).</param>
    /// <param name="shiftFrom">The event from which it has moved.</param>
    /// <param name="shiftedFeature">Which feature moves: 0 for attrib1 (which the label and the model use), 2 for attrib3 (which neither does).</param>
    public RegionStream(int regions, long seed, DriftSchedule? schedule = null, int? shiftedRegion = null, double shift = 0, long shiftFrom = 0,
        int shiftedFeature = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shiftedFeature);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shiftedFeature, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(regions, 1);
        Regions = regions;
        _random = new SeededRandom(seed);
        _schedule = schedule ?? DriftSchedule.Stationary;
        _regionNames = Enumerable.Range(0, regions).Select(r => Region(r)).ToArray();
        _shiftedRegion = shiftedRegion;
        _shift = shift;
        _shiftFrom = shiftFrom;
        _shiftedFeature = shiftedFeature;
    }

    public int Regions { get; }

    /// <summary>The name of region <paramref name="index"/>, and the key of its slice.</summary>
    public static string Region(int index) => "r" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key of region <paramref name="index"/>'s slice.</summary>
    public static string SliceOf(int index) => "region=" + Region(index);

    /// <summary>The spec of the stream, with windows of <paramref name="window"/> events and the given error detector.</summary>
    public static CompiledSpec Spec(int window, string errorDetector = "Adwin") => new(new PipelineSpec
    {
        Name = "regions",
        Features =
        [
            new FeatureSpec { Name = "attrib1", Kind = ColumnKind.Numeric },
            new FeatureSpec { Name = "attrib2", Kind = ColumnKind.Numeric },
            new FeatureSpec { Name = "attrib3", Kind = ColumnKind.Numeric },
            new FeatureSpec { Name = "region", Kind = ColumnKind.Categorical },
        ],
        Derived = [new DerivedColumnSpec { Name = "attrib1Band", Source = "attrib1", Bounds = [2.5, 5, 7.5], Labels = ["a", "b", "c", "d"] }],
        Label = new LabelSpec { Name = "class" },
        Slices = ["region"],
        Model = new ModelSpec { Trainer = "FastTree" },
        Window = new WindowSpec { Events = window },
        Drift = new DriftSpec { ErrorDetector = errorDetector },
    });

    /// <summary>The next event: its region and what a slice records of it.</summary>
    public (int Region, Observation Row) Next()
    {
        var t = _position++;
        var region = (int)(_random.NextUInt64() % (ulong)Regions);
        double[] x = [10 * _random.NextDouble(), 10 * _random.NextDouble(), 10 * _random.NextDouble()];
        if (region == _shiftedRegion && t >= _shiftFrom) x[_shiftedFeature] += _shift;
        var (a1, a2) = (x[0], x[1]);
        var concept = _schedule.ConceptAt(t, 0, _random);
        var label = SeaGenerator.Classify(concept, a1, a2);
        if (_random.NextDouble() < 0.1) label = 1 - label;
        var margin = SeaGenerator.Threshold(0) - a1 - a2;
        var score = 1 / (1 + Math.Exp(-2 * margin));
        return (region, new Observation(x, [_regionNames[region]], label, score, margin >= 0));
    }
}
