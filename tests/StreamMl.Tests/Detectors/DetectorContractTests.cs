using Xunit;
using StreamMl.Core.Drift.Detectors;
using static StreamMl.Tests.Detectors.DetectorStreams;

namespace StreamMl.Tests.Detectors;

public class DetectorContractTests
{
    public static TheoryData<string> Names => new() { "ADWIN", "PageHinkley", "DDM", "EDDM", "HDDM_A", "KSWIN" };

    internal static IDriftDetector Create(string name) => name switch
    {
        "ADWIN" => new Adwin(),
        "PageHinkley" => new PageHinkley(),
        "DDM" => new Ddm(),
        "EDDM" => new Eddm(),
        "HDDM_A" => new HddmA(twoSided: true),
        "KSWIN" => new Kswin(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>A stream with a change for the detector's kind of input: 0/1 errors or numbers.</summary>
    internal static double[] ChangingStream(string name, int n) => name switch
    {
        "DDM" or "EDDM" or "HDDM_A" => Errors(n, seed: 5, before: 0.1, after: 0.5),
        "PageHinkley" => Uniform(n, seed: 5, shift: 0.5),
        _ => Normal(n, seed: 5, before: 0, after: 1),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Reset_returns_to_the_initial_state(string name)
    {
        var stream = ChangingStream(name, 3_000);
        var detector = Create(name);
        Assert.Equal(name, detector.Name);

        var first = Run(detector, stream);
        Assert.NotEmpty(first.Drifts);
        Assert.Equal(stream.Length, detector.Updates);

        detector.Reset();
        Assert.Equal(0, detector.Updates);
        Assert.False(detector.DriftDetected);
        Assert.False(detector.WarningDetected);

        var replay = Run(detector, stream);
        Assert.Equal(first.Drifts, replay.Drifts);
        Assert.Equal(first.Warnings, replay.Warnings);
        Assert.Equal(Run(Create(name), stream).Drifts, replay.Drifts);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Drift_is_reported_only_on_the_update_that_detected_it(string name)
    {
        var stream = ChangingStream(name, 3_000);
        var detector = Create(name);
        var drifts = Run(detector, stream).Drifts;

        // Consecutive updates never both report a drift: after one the detector starts over or shrinks its window.
        Assert.All(drifts.Zip(drifts.Skip(1)), pair => Assert.True(pair.Item2 - pair.Item1 > 1, $"{pair.Item1}, {pair.Item2}"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Updates_do_not_allocate(string name)
    {
        var stream = ChangingStream(name, 20_000);
        var detector = Create(name);
        for (var i = 0; i < 5_000; i++) detector.Update(stream[i]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 5_000; i < stream.Length; i++) detector.Update(stream[i]);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
