using System.Globalization;
using StreamMl.Streams.Generators;

namespace StreamMl.Bench.Drift;

/// <summary>A bad argument of <c>bench drift</c>; the message starts with the option's name.</summary>
public sealed class DriftArgumentException(string message) : Exception(message);

/// <summary>The command line of <c>bench drift</c>: <c>[--seeds 5] [--length 100000] [--drift-at 50000] [--datasets DIR] [--detectors a,b] [--streams x,y]</c>.</summary>
public static class DriftArguments
{
    public static DriftBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        int seeds = 5, length = 100_000, driftAt = 50_000;
        string? datasets = null, detectors = null, streams = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count) throw new DriftArgumentException($"{args[i]}: a value is missing");
            var value = args[i + 1];
            switch (args[i])
            {
                case "--seeds": seeds = Integer(args[i], value); break;
                case "--length": length = Integer(args[i], value); break;
                case "--drift-at": driftAt = Integer(args[i], value); break;
                case "--datasets": datasets = Path.GetFullPath(value); break;
                case "--detectors": detectors = value; break;
                case "--streams": streams = value; break;
                default: throw new DriftArgumentException($"{args[i]}: unknown option");
            }
        }
        return Options(seeds, length, driftAt, datasets, detectors, streams);
    }

    /// <summary>Checks the values and builds the benchmark's options.</summary>
    /// <exception cref="DriftArgumentException">A value is out of range or names an unknown detector or stream.</exception>
    public static DriftBenchmarkOptions Options(int seeds, int length, int driftAt, string? datasets, string? detectors, string? streams)
    {
        if (seeds < 1) throw new DriftArgumentException($"--seeds: {seeds} must be at least 1");
        var defaults = new DriftBenchmarkOptions { Datasets = "" };
        if (length < 2 * defaults.Window) throw new DriftArgumentException($"--length: {length} must be at least {2 * defaults.Window} (two windows of the two-sample tests)");
        if (driftAt < defaults.Window || driftAt >= length)
            throw new DriftArgumentException($"--drift-at: {driftAt} must be at least {defaults.Window} (after the reference window) and below --length ({length})");

        var chosenDetectors = BenchmarkDetectors.All;
        if (!string.IsNullOrWhiteSpace(detectors))
            chosenDetectors = Split(detectors).Select(n => BenchmarkDetectors.Find(n)
                ?? throw new DriftArgumentException($"--detectors: unknown detector '{n}'; known: {string.Join(", ", BenchmarkDetectors.All.Select(d => d.Key))}"))
                .Distinct().ToArray();

        IReadOnlyList<string> generators = GeneratorCatalog.Names, real = DriftBenchmark.DatasetNames;
        if (!string.IsNullOrWhiteSpace(streams))
        {
            var names = Split(streams).Select(n => n.ToLowerInvariant()).Distinct().ToArray();
            var known = GeneratorCatalog.Names.Concat(DriftBenchmark.DatasetNames).ToArray();
            foreach (var n in names)
                if (!known.Contains(n)) throw new DriftArgumentException($"--streams: unknown stream '{n}'; known: {string.Join(", ", known)}");
            generators = GeneratorCatalog.Names.Where(names.Contains).ToArray();
            real = DriftBenchmark.DatasetNames.Where(names.Contains).ToArray();
        }

        var directory = datasets ?? Cluster.Commands.BundledFiles.Datasets;
        if (real.Count > 0)
        {
            if (!Directory.Exists(directory)) throw new DriftArgumentException($"--datasets: directory '{directory}' does not exist");
            foreach (var n in real)
                if (Core.Files.CsvFile.Find(directory, n) is null)
                    throw new DriftArgumentException($"--datasets: '{directory}' has neither {n}.csv nor {n}.csv.gz (or leave {n} out with --streams)");
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

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new DriftArgumentException($"{option}: '{value}' is not a whole number");

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
