using System.CommandLine;
using StreamMl.Cluster.Benchmarks;
using StreamMl.Streams.Generators;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>bench</c> verb; <c>bench drift</c> runs <see cref="DriftBenchmark"/> and prints its tables.</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks of the building blocks.") { Drift() };

    private static Command Drift()
    {
        var seeds = new Option<int>("--seeds") { Description = "Seeds per generated stream (default 5).", DefaultValueFactory = _ => 5 };
        var length = new Option<int>("--length") { Description = "Events per generated stream (default 100000).", DefaultValueFactory = _ => 100_000 };
        var driftAt = new Option<int>("--drift-at") { Description = "Position of the abrupt drift (default 50000).", DefaultValueFactory = _ => 50_000 };
        var datasets = new Option<DirectoryInfo>("--datasets") { Description = "Directory with elec.csv, sea_stream.csv, weather.csv (default: the datasets bundled with the program)." };
        var detectors = new Option<string>("--detectors") { Description = $"Comma-separated detectors (default all: {string.Join(",", BenchmarkDetectors.All.Select(d => d.Key))})." };
        var streams = new Option<string>("--streams") { Description = $"Comma-separated generators and datasets (default all: {string.Join(",", GeneratorCatalog.Names.Concat(DriftBenchmark.DatasetNames))})." };
        var command = new Command("drift", "Drift detectors and two-sample tests on generated streams with known drifts, and detectors on the real datasets.")
        {
            seeds, length, driftAt, datasets, detectors, streams,
        };
        command.SetAction((result, _) => CommandRunner.Run(() =>
        {
            var options = Options(result.GetValue(seeds), result.GetValue(length), result.GetValue(driftAt),
                result.GetValue(datasets)?.FullName, result.GetValue(detectors), result.GetValue(streams));
            return Task.FromResult(DriftBenchmark.Run(options, Console.Out));
        }));
        return command;
    }

    /// <summary>Checks the arguments and builds the benchmark's options.</summary>
    /// <exception cref="UsageException">An argument is out of range or names an unknown detector or stream.</exception>
    public static DriftBenchmarkOptions Options(int seeds, int length, int driftAt, string? datasets, string? detectors, string? streams)
    {
        if (seeds < 1) throw new UsageException($"--seeds: {seeds} must be at least 1");
        var defaults = new DriftBenchmarkOptions { Datasets = "" };
        if (length < 2 * defaults.Window) throw new UsageException($"--length: {length} must be at least {2 * defaults.Window} (two windows of the two-sample tests)");
        if (driftAt < defaults.Window || driftAt >= length)
            throw new UsageException($"--drift-at: {driftAt} must be at least {defaults.Window} (after the reference window) and below --length ({length})");

        var chosenDetectors = BenchmarkDetectors.All;
        if (!string.IsNullOrWhiteSpace(detectors))
            chosenDetectors = Split(detectors).Select(n => BenchmarkDetectors.Find(n)
                ?? throw new UsageException($"--detectors: unknown detector '{n}'; known: {string.Join(", ", BenchmarkDetectors.All.Select(d => d.Key))}"))
                .Distinct().ToArray();

        IReadOnlyList<string> generators = GeneratorCatalog.Names, real = DriftBenchmark.DatasetNames;
        if (!string.IsNullOrWhiteSpace(streams))
        {
            var names = Split(streams).Select(n => n.ToLowerInvariant()).Distinct().ToArray();
            var known = GeneratorCatalog.Names.Concat(DriftBenchmark.DatasetNames).ToArray();
            foreach (var n in names)
                if (!known.Contains(n)) throw new UsageException($"--streams: unknown stream '{n}'; known: {string.Join(", ", known)}");
            generators = GeneratorCatalog.Names.Where(names.Contains).ToArray();
            real = DriftBenchmark.DatasetNames.Where(names.Contains).ToArray();
        }

        var directory = datasets ?? BundledFiles.Datasets;
        if (real.Count > 0)
        {
            if (!Directory.Exists(directory)) throw new UsageException($"--datasets: directory '{directory}' does not exist");
            foreach (var n in real)
                if (Core.Files.CsvFile.Find(directory, n) is null)
                    throw new UsageException($"--datasets: '{directory}' has neither {n}.csv nor {n}.csv.gz (or leave {n} out with --streams)");
        }

        return defaults with
        {
            Seeds = seeds,
            Length = length,
            DriftAt = driftAt,
            Datasets = directory,
            Detectors = chosenDetectors,
            Generators = generators,
            RealDatasets = real,
        };
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
