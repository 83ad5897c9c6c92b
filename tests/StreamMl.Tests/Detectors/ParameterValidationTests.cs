using Xunit;
using StreamMl.Core.Drift.Detectors;

namespace StreamMl.Tests.Detectors;

public class ParameterValidationTests
{
    public static TheoryData<string, Func<IDriftDetector>> Invalid => new()
    {
        { "delta", () => new Adwin(delta: 0) },
        { "delta", () => new Adwin(delta: 1) },
        { "clock", () => new Adwin(clock: 0) },
        { "maxBuckets", () => new Adwin(maxBuckets: 1) },
        { "minWindowLength", () => new Adwin(minWindowLength: 0) },
        { "gracePeriod", () => new Adwin(gracePeriod: -1) },
        { "minInstances", () => new PageHinkley(minInstances: 0) },
        { "delta", () => new PageHinkley(delta: -0.1) },
        { "threshold", () => new PageHinkley(threshold: 0) },
        { "alpha", () => new PageHinkley(alpha: 1.5) },
        { "mode", () => new PageHinkley(mode: (PageHinkleyMode)7) },
        { "warningThreshold", () => new Ddm(warningThreshold: 0) },
        { "driftThreshold", () => new Ddm(warningThreshold: 3, driftThreshold: 2) },
        { "minInstances", () => new Ddm(minInstances: 0) },
        { "alpha", () => new Eddm(alpha: 1.1) },
        { "beta", () => new Eddm(alpha: 0.8, beta: 0.9) },
        { "minErrors", () => new Eddm(minErrors: 0) },
        { "driftConfidence", () => new HddmA(driftConfidence: 0) },
        { "warningConfidence", () => new HddmA(warningConfidence: 1) },
        { "warningConfidence", () => new HddmA(driftConfidence: 0.01, warningConfidence: 0.005) },
        { "alpha", () => new Kswin(alpha: double.NaN) },
        { "statSize", () => new Kswin(statSize: 0) },
        { "windowSize", () => new Kswin(windowSize: 50, statSize: 30) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_parameters_throw_naming_the_parameter(string parameter, Func<IDriftDetector> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(parameter + " must", error.Message);
    }

    [Fact]
    public void Defaults_are_the_published_ones()
    {
        var adwin = new Adwin();
        Assert.Equal((0.002, 32, 5, 5, 10), (adwin.Delta, adwin.Clock, adwin.MaxBuckets, adwin.MinWindowLength, adwin.GracePeriod));
        var ph = new PageHinkley();
        Assert.Equal((30, 0.005, 50.0, 1 - 0.0001, PageHinkleyMode.Both), (ph.MinInstances, ph.Delta, ph.Threshold, ph.Alpha, ph.Mode));
        var ddm = new Ddm();
        Assert.Equal((2.0, 3.0, 30), (ddm.WarningThreshold, ddm.DriftThreshold, ddm.MinInstances));
        var eddm = new Eddm();
        Assert.Equal((0.95, 0.9, 30), (eddm.Alpha, eddm.Beta, eddm.MinErrors));
        var hddm = new HddmA();
        Assert.Equal((0.001, 0.005, false), (hddm.DriftConfidence, hddm.WarningConfidence, hddm.TwoSided));
        var kswin = new Kswin();
        Assert.Equal((0.005, 100, 30, 42), (kswin.Alpha, kswin.WindowSize, kswin.StatSize, kswin.Seed));
    }
}
