using System.Globalization;
using StreamMl.Bench;

var verb = args.Length > 0 ? args[0] : "";
if (verb == "learners") return LearnerBenchmark.Run(args.Skip(1).ToArray());
if (verb == "drift") return StreamMl.Bench.Drift.DriftCommand.Run(args.Skip(1).ToArray());
if (verb == "explain") return ExplainBenchmark.Run(args.Skip(1).ToArray());
if (verb == "hotpaths") return StreamMl.Bench.HotPaths.HotPathCommand.Run(args.Skip(1).ToArray());
if (verb == "online") return await StreamMl.Bench.Online.OnlineBenchmark.Run(args.Skip(1).ToArray());
var options = BenchOptions.Parse(args.Skip(1).ToArray());
if (options is null) return Usage();
return verb switch
{
    "e2e" => await new EndToEndBenchmark(options).Run(),
    "decode" => MicroBenchmarks.Decode(options),
    "score" => MicroBenchmarks.Score(options),
    "slices" => MicroBenchmarks.Slices(options),
    "detectors" => StreamMl.Bench.Drift.DetectorBenchmarks.Run(),
    "labeljoin" => LabelJoinBenchmark.Run(),
    "examples" => await ExampleStoreBenchmark.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: StreamMl.Bench e2e [--events N] [--warmup-events W] [--rate R] [--latency-events M] [--runs K] [--warmup-runs U] [--label-lag L|off] [--metrics on|off|both] [--retraining operator|spec] [--allocations on|off] [--jit on|off] [--datasets DIR] [--spec FILE]
               StreamMl.Bench decode|score|slices|detectors|labeljoin [--datasets DIR] [--spec FILE]
               StreamMl.Bench hotpaths [BenchmarkDotNet arguments, e.g. --filter *Decoder*]
               StreamMl.Bench examples [--postgres CONNECTION-STRING] [--datasets DIR] [--spec FILE]
               StreamMl.Bench drift [--seeds 5] [--length 100000] [--drift-at 50000] [--datasets DIR] [--detectors a,b] [--streams x,y]
               StreamMl.Bench learners [--datasets elec,sea_stream,weather] [--delays 1,200] [--learners name[:key=value]…,…] [--runs N] [--dir DIR]
               StreamMl.Bench explain [--events 2000] [--runs 3] [--datasets DIR]
               StreamMl.Bench online [--datasets elec,sea] [--lags 1,200] [--rates 2000,8000] [--nodes 1,2] [--events 20000]
        """);
    return 2;
}

namespace StreamMl.Bench
{
    /// <summary>Command-line settings of every benchmark mode.</summary>
    public sealed record BenchOptions
    {
        public int Events { get; init; } = 100_000;
        public int Rate { get; init; } = 5_000;
        public int LatencyEvents { get; init; } = 20_000;
        /// <summary>
        /// e2e: the warm-up share of the topic; the measure starts once the JIT has settled or this share is answered,
        /// whichever comes first.
        /// </summary>
        public int WarmupEvents { get; init; } = 250_000;

        /// <summary>e2e: the most events the events topic holds in one run; runs with 430,000 and more stalled on the dev broker.</summary>
        public const int MaxTopicEvents = 380_000;
        public int Runs { get; init; } = 1;
        /// <summary>e2e: passes of both variants before the measured runs, run in full (but for latency) and not counted.</summary>
        public int WarmupRuns { get; init; } = 3;
        /// <summary>e2e: each event's label is written to the labels topic once this many later events are answered; null: no labels.</summary>
        public int? LabelLag { get; init; } = 200;
        /// <summary>e2e: "operator" (default): the node retrains only on request, so that the ingestion path is measured; "spec": as the spec says.</summary>
        public string Retraining { get; init; } = "operator";
        /// <summary>e2e: print each variant's allocations over the measured span, sampled by type (the sampling costs a little).</summary>
        public bool Allocations { get; init; }
        /// <summary>e2e: print what the JIT compiled over the measured span, by namespace.</summary>
        public bool Jit { get; init; }
        public int TrainRows { get; init; } = 5_000;
        public string Datasets { get; init; } = StreamMl.Cluster.Commands.BundledFiles.Datasets;
        public string Spec { get; init; } = StreamMl.Cluster.Commands.BundledFiles.Spec("elec2");
        /// <summary>A PostgreSQL server for the examples mode (it creates and drops a database there); SQLite when null.</summary>
        public string? Postgres { get; init; }
        /// <summary>e2e: the node's Prometheus metrics on (default), off, or both (each run also times a node without them).</summary>
        public string Metrics { get; init; } = "on";
        public string Csv => StreamMl.Core.Files.CsvFile.Find(Datasets, "elec") ?? Path.Combine(Datasets, "elec.csv");

        public static BenchOptions? Parse(string[] args)
        {
            var options = new BenchOptions();
            for (var i = 0; i < args.Length; i += 2)
            {
                if (i + 1 >= args.Length) return Fail($"{args[i]}: missing value");
                var value = args[i + 1];
                options = args[i] switch
                {
                    "--events" => options with { Events = Positive(args[i], value) },
                    "--rate" => options with { Rate = Positive(args[i], value) },
                    "--latency-events" => options with { LatencyEvents = Positive(args[i], value) },
                    "--warmup-events" => options with { WarmupEvents = Positive(args[i], value) },
                    "--runs" => options with { Runs = Positive(args[i], value) },
                    "--warmup-runs" => options with { WarmupRuns = value == "0" ? 0 : Positive(args[i], value) },
                    "--label-lag" => options with { LabelLag = value == "off" ? null : Positive(args[i], value) },
                    "--train-rows" => options with { TrainRows = Positive(args[i], value) },
                    "--datasets" => options with { Datasets = Path.GetFullPath(value) },
                    "--spec" => options with { Spec = Path.GetFullPath(value) },
                    "--postgres" => options with { Postgres = value },
                    "--retraining" when value is "operator" or "spec" => options with { Retraining = value },
                    "--allocations" when value is "on" or "off" => options with { Allocations = value == "on" },
                    "--jit" when value is "on" or "off" => options with { Jit = value == "on" },
                    "--metrics" when value is "on" or "off" or "both" => options with { Metrics = value },
                    _ => null,
                };
                if (options is null) return Fail($"unknown option {args[i]}");
            }
            if ((long)options.WarmupEvents + options.Events + options.LatencyEvents > MaxTopicEvents)
                return Fail($"--warmup-events + --events + --latency-events: {(long)options.WarmupEvents + options.Events + options.LatencyEvents:N0} is more than the {MaxTopicEvents:N0} events a run puts in the dev broker's topic");
            if (!File.Exists(options.Csv)) return Fail($"--datasets: {options.Csv} does not exist");
            if (!File.Exists(options.Spec)) return Fail($"--spec: {options.Spec} does not exist");
            return options;
        }

        private static int Positive(string option, string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{option}: '{value}' is not a positive integer");

        private static BenchOptions? Fail(string message)
        {
            Console.Error.WriteLine(message);
            return null;
        }
    }
}
