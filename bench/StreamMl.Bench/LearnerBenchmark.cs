using System.Globalization;
using System.Text.Json;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;

namespace StreamMl.Bench;

/// <summary>
/// Every online learner on the repository's datasets at each label delay, evaluated prequentially: one table
/// (accuracy, µs per learn and per predict, state size), then the same rows as JSON lines.
/// </summary>
/// <remarks>
/// Each row group (dataset × delay) starts with the no-change baseline at that delay. Timings are the best of
/// <c>--runs</c> runs on one thread; accuracy and state are the same on every run (the SHA-256 of the final
/// state is checked to be), so only the timing varies.
/// </remarks>
public static class LearnerBenchmark
{
    private static readonly string[] DefaultLearners =
    [
        LearnerCatalog.NoChange, LearnerCatalog.Prior, LearnerCatalog.NaiveBayes, LearnerCatalog.LogisticSgd,
        LearnerCatalog.LogisticFtrl, LearnerCatalog.LinearSgd, LearnerCatalog.HoeffdingTree, LearnerCatalog.HoeffdingAdaptiveTree,
        LearnerCatalog.AdaptiveRandomForest, LearnerCatalog.LeveragingBagging,
        "hoeffding-adaptive-tree:labelHistory=1", "adaptive-random-forest:labelHistory=1", "leveraging-bagging:labelHistory=1",
        // Leveraging bagging over trees grown as Adaptive Random Forest grows them (grace period 50, δ = 0.01).
        "leveraging-bagging:gracePeriod=50:delta=0.01", "leveraging-bagging:gracePeriod=50:delta=0.01:labelHistory=1",
    ];

    public static int Run(string[] args)
    {
        string[] datasets = ["elec", "sea_stream", "weather"];
        int[] delays = [1, 200];
        var learners = DefaultLearners;
        var directory = StreamMl.Cluster.Commands.BundledFiles.Datasets;
        var runs = 1;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return Fail($"{args[i]}: missing value");
            var value = args[i + 1];
            switch (args[i])
            {
                case "--datasets": datasets = value.Split(','); break;
                case "--delays": delays = value.Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--learners": learners = value.Split(','); break;
                case "--dir": directory = Path.GetFullPath(value); break;
                case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: return Fail($"unknown option {args[i]}");
            }
        }
        var specs = learners.Select(OnlineLearnerSpec.Parse).ToList();
        foreach (var spec in specs) spec.Validate();
        if (!specs.Any(s => s.ToString() == LearnerCatalog.NoChange)) specs.Insert(0, new OnlineLearnerSpec { Learner = LearnerCatalog.NoChange });

        var streams = datasets.Select(name => LabelledStream.ReadCsv(Find(directory, name), name: name)).ToList();
        WarmUp(specs, streams);
        var rows = new List<PrequentialReport>();
        Console.WriteLine(Header());
        foreach (var stream in streams)
        {
            var name = stream.Name;
            foreach (var delay in delays)
            {
                foreach (var spec in specs.OrderBy(s => s.ToString() == LearnerCatalog.NoChange ? 0 : 1))
                {
                    if (!LearnerCatalog.Supports(spec.Learner, stream.Schema.Label))
                    {
                        Console.WriteLine($"{name,-11} {delay,5}  {spec,-48} (learns {(stream.Schema.Label == Core.Spec.LabelKind.Binary ? "numeric" : "binary")} labels only)");
                        continue;
                    }
                    var report = Best(spec, stream, delay, runs);
                    rows.Add(report);
                    Console.WriteLine(Row(report));
                }
            }
        }
        Console.WriteLine();
        foreach (var row in rows) Console.WriteLine(Json(row));
        return 0;
    }

    /// <summary>
    /// Runs every learner on the start of every stream first, so that the JIT has compiled the hot paths at full
    /// optimisation before anything is timed: tiered compilation otherwise times the first rows at tier 0.
    /// </summary>
    private static void WarmUp(List<OnlineLearnerSpec> specs, List<LabelledStream> streams)
    {
        for (var round = 0; round < 2; round++)
            foreach (var stream in streams)
            {
                var start = stream.Head(3_000);
                foreach (var spec in specs.Where(s => LearnerCatalog.Supports(s.Learner, stream.Schema.Label)))
                    PrequentialEvaluation.Run(LearnerCatalog.Create(spec, start.Schema), start, delay: 1);
            }
        Thread.Sleep(500);
    }

    private static PrequentialReport Best(OnlineLearnerSpec spec, LabelledStream stream, int delay, int runs)
    {
        PrequentialReport? best = null;
        for (var run = 0; run < runs; run++)
        {
            var report = PrequentialEvaluation.Run(LearnerCatalog.Create(spec, stream.Schema), stream, delay);
            if (best is not null && report.StateSha256 != best.StateSha256)
                throw new InvalidOperationException($"{spec} on {stream.Name}: two runs ended in different states");
            best = best is null ? report : best with
            {
                MicrosecondsPerLearn = Math.Min(best.MicrosecondsPerLearn, report.MicrosecondsPerLearn),
                MicrosecondsPerPredict = Math.Min(best.MicrosecondsPerPredict, report.MicrosecondsPerPredict),
            };
        }
        return best!;
    }

    private static string Header() =>
        $"{"dataset",-11} {"delay",5}  {"learner",-48} {"accuracy",9} {"river acc",9} {"log-loss",8} {"AUC",6} {"µs/learn",9} {"µs/predict",10} {"state KB",9} {"memory KB",9}";

    private static string Row(PrequentialReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Stream,-11} {r.Delay,5}  {r.Learner,-48} {Percent(r.Accuracy),9} {Percent(r.AccuracyAfterFirstLabel),9} {r.Quality.LogLoss,8:F4} {r.Quality.Auc,6:F4} {r.MicrosecondsPerLearn,9:F2} {r.MicrosecondsPerPredict,10:F2} {r.StateBytes / 1024.0,9:F1} {r.MemoryBytes / 1024.0,9:F1}");

    private static string Percent(double? x) => x is { } v ? (100 * v).ToString("F2", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Json(PrequentialReport r) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["dataset"] = r.Stream,
        ["delay"] = r.Delay,
        ["learner"] = r.Learner,
        ["events"] = r.Events,
        ["accuracy"] = r.Accuracy,
        ["accuracyAfterFirstLabel"] = r.AccuracyAfterFirstLabel,
        ["logLoss"] = r.Quality.LogLoss,
        ["auc"] = r.Quality.Auc,
        ["mae"] = r.Quality.Mae,
        ["rmse"] = r.Quality.Rmse,
        ["usPerLearn"] = Math.Round(r.MicrosecondsPerLearn, 3),
        ["usPerPredict"] = Math.Round(r.MicrosecondsPerPredict, 3),
        ["stateBytes"] = r.StateBytes,
        ["memoryBytes"] = r.MemoryBytes,
        ["stateSha256"] = r.StateSha256,
    });

    private static string Find(string directory, string name)
    {
        foreach (var candidate in new[] { name + ".csv.gz", name + ".csv", name })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"--datasets: no {name}.csv.gz or {name}.csv in {directory}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("usage: StreamMl.Bench learners [--datasets elec,sea_stream,weather] [--delays 1,200] [--learners name[:key=value]…,…] [--runs N] [--dir DIR]");
        return 2;
    }
}
