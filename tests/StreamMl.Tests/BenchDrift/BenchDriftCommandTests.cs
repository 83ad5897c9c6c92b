using StreamMl.Bench.Drift;
using Xunit;

namespace StreamMl.Tests.BenchDrift;

/// <summary>Argument checks of <c>bench drift</c> and a tiny run of the whole benchmark (no timing assertions).</summary>
public class BenchDriftCommandTests
{
    [Fact]
    public void Filters_pick_detectors_and_streams_by_name()
    {
        var options = DriftArguments.Options(2, 10_000, 5_000, null, "adwin, HDDM-A", "sea,stagger");

        Assert.Equal(["adwin", "hddm_a"], options.Detectors.Select(d => d.Key));
        Assert.Equal(["sea", "stagger"], options.Generators);
        Assert.Empty(options.RealDatasets);
    }

    [Theory]
    [InlineData(0, 10_000, 5_000, null, null, "--seeds")]
    [InlineData(1, 1_000, 500, null, null, "--length")]
    [InlineData(1, 10_000, 10_000, null, null, "--drift-at")]
    [InlineData(1, 10_000, 5_000, "adwin,nope", null, "--detectors")]
    [InlineData(1, 10_000, 5_000, null, "sea,nope", "--streams")]
    public void Bad_arguments_name_their_option(int seeds, int length, int driftAt, string? detectors, string? streams, string option)
    {
        var e = Assert.Throws<DriftArgumentException>(() => DriftArguments.Options(seeds, length, driftAt, null, detectors, streams));
        Assert.StartsWith(option, e.Message);
    }

    [Fact]
    public void A_missing_dataset_directory_is_a_usage_error()
    {
        var e = Assert.Throws<DriftArgumentException>(() => DriftArguments.Options(1, 10_000, 5_000, "/nonexistent/datasets", null, "elec"));
        Assert.StartsWith("--datasets", e.Message);
    }

    [Fact]
    public void A_small_run_prints_every_table_and_the_goals()
    {
        var options = DriftArguments.Options(1, 8_000, 4_000, null, "adwin,ddm", "sea,stagger") with
        {
            AlarmSlices = [1, 3],
            AlarmWindows = [500],
            AlarmWindowsPerSlice = 2,
            AlarmGlobalWindows = 4,
            MultiDriftLength = 8_000,
            FlappingEvents = 20_000,
            FlappingRegions = 3,
        };
        var output = new StringWriter();

        Assert.Equal(0, DriftBenchmark.Run(options, output));

        var text = output.ToString();
        Assert.Contains("1. Detectors", text);
        Assert.Contains("2. Two-sample tests", text);
        Assert.Contains("Goals", text);
        Assert.Contains("4. False alarms of the slices", text);
        Assert.Contains("5. Successive drifts", text);
        Assert.Contains("6. Journal events on a flapping stream", text);
        Assert.Contains("ADWIN", text);
        Assert.Contains("stagger", text);
    }
}
