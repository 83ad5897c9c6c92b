using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StreamMl.Cluster.Commands;
using StreamMl.Core.Explanations;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Modeling;
using StreamMl.Core.Serving;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Bench;

/// <summary>
/// µs per explanation for every kind of model (ML.NET batch models and the online learners) beside µs per plain
/// prediction of the same model, and the throughput cost of explaining the top k contributions of every event of a
/// batch (the spec's <c>explain.topK</c>), in process: one table, then the same rows as JSON lines.
/// </summary>
/// <remarks>
/// Batch models learn the first 5,000 rows of a dataset and explain the events after row 10,000; online learners learn
/// the first 5,000 events one by one and then explain without learning. Each timing is the best of <c>--runs</c>
/// passes over <c>--events</c> events on one thread, after a warm-up pass (the JIT compiles the hot paths first).
/// Datasets: elec (6 numeric features; the spec's FastTree has 50 trees of 4 leaves) and Agrawal's generator (6 numeric,
/// 3 categorical features with 5, 20 and 9 values; the spec's FastTree has 50 trees of 8 leaves).
/// </remarks>
public static class ExplainBenchmark
{
    private const int Training = 5000;

    public static int Run(string[] args)
    {
        var events = 2000;
        var runs = 3;
        var datasets = BundledFiles.Datasets;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return Fail($"{args[i]}: missing value");
            var value = args[i + 1];
            switch (args[i])
            {
                case "--events": events = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--datasets": datasets = Path.GetFullPath(value); break;
                default: return Fail($"unknown option {args[i]}");
            }
        }
        var rows = new List<Row>();
        Console.WriteLine($"{"dataset",-8} {"model",-44} {"method",-21} {"µs/explain",10} {"µs/predict",10} {"ratio",6}");
        foreach (var (name, spec, data) in Datasets(datasets))
        {
            var explained = data.Skip(2 * Training).Take(events).ToArray();
            foreach (var (label, trainer) in BatchModels)
            {
                var model = ModelTrainer.Train(new CompiledSpec(spec.Spec with { Model = trainer(spec.Spec.Model) }), data.Take(Training).ToList());
                var serving = new ServingModel("v1", "-", new ModelScorer(model));
                rows.Add(Print(new Row(name, label, ServingExplanations.Explain(serving, explained[0]).Method,
                    Best(runs, explained, e => ServingExplanations.Explain(serving, e)),
                    Best(runs, explained, e => serving.Scorer.Score([e])))));
            }
            foreach (var learner in LearnerCatalog.Names.Where(n => LearnerCatalog.Supports(n, LabelKind.Binary)))
            {
                var model = LearnerCatalog.Create(new OnlineLearnerSpec { Learner = learner }, LearnerSchema.FromSpec(spec));
                foreach (var e in data.Take(Training)) model.Learn(LearnerInput.Of(e), e.Label!.Value);
                rows.Add(Print(new Row(name, learner, OnlineExplainer.Explain(model, explained[0], "v1").Method,
                    Best(runs, explained, e => OnlineExplainer.Explain(model, e, "v1")),
                    Best(runs, explained, e => model.Predict(LearnerInput.Of(e))))));
            }
        }
        Console.WriteLine();
        TopK(Datasets(datasets).First(), events, runs);
        Console.WriteLine();
        foreach (var row in rows) Console.WriteLine(JsonSerializer.Serialize(row, JsonOptions));
        return 0;
    }

    /// <summary>Events/s of answering batches of 500 elec events with the spec's FastTree model, alone and with their top 3 contributions.</summary>
    private static void TopK((string Name, CompiledSpec Spec, ValidEvent[] Data) dataset, int events, int runs)
    {
        const int batch = 500, k = 3;
        var model = new ServingModel("v1", "-", new ModelScorer(ModelTrainer.Train(dataset.Spec, dataset.Data.Take(Training).ToList())));
        var batches = dataset.Data.Skip(2 * Training).Take(Math.Max(events, batch)).Chunk(batch).ToArray();
        var score = BestRate(runs, batches, b => model.Scorer.Score(b));
        var explain = BestRate(runs, batches, b => TopContributions.For(model, b, k));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"explain.topK={k} on {dataset.Name} ({dataset.Spec.Spec.Model.Trainer}, batches of {batch}): scoring {score:F0} events/s; " +
            $"explaining (its own scoring included) {explain:F0} events/s; scoring and explaining {1 / (1 / score + 1 / explain):F0} events/s, {score / explain + 1:F1}× the time"));
        Console.WriteLine(JsonSerializer.Serialize(new { topK = k, dataset = dataset.Name, batch, scoreEventsPerSecond = Math.Round(score), explainEventsPerSecond = Math.Round(explain) }, JsonOptions));
    }

    private static readonly (string Label, Func<ModelSpec, ModelSpec> Trainer)[] BatchModels =
    [
        ("FastTree as the spec says", m => m),
        ("FastTree 100 trees × 20 leaves", _ => new ModelSpec { Trainer = "FastTree" }),
        ("LightGbm 100 trees × 31 leaves", _ => new ModelSpec { Trainer = "LightGbm" }),
        ("LbfgsLogisticRegression", _ => new ModelSpec { Trainer = "LbfgsLogisticRegression" }),
        ("SdcaLogisticRegression", _ => new ModelSpec { Trainer = "SdcaLogisticRegression" }),
    ];

    private static IEnumerable<(string Name, CompiledSpec Spec, ValidEvent[] Data)> Datasets(string directory)
    {
        var elec = new CompiledSpec(SpecLoader.Load(BundledFiles.Spec("elec2")));
        var csv = Core.Files.CsvFile.Find(directory, "elec") ?? throw new FileNotFoundException($"--datasets: no elec.csv.gz in {directory}");
        yield return ("elec", elec, CsvExamples.Read(csv, elec).ToArray());
        var agrawal = new CompiledSpec(SpecLoader.Load(BundledFiles.Spec("agrawal")));
        var decoder = new EventDecoder(agrawal);
        yield return ("agrawal", agrawal, GeneratedEvents.ToEvents(new AgrawalGenerator(concept: 0, seed: 1), includeLabels: true, idPrefix: "a-")
            .Take(3 * Training).Select(e => decoder.Decode(EventProducer.Serialize(e)).Event!).ToArray());
    }

    /// <summary>The best µs per call over the runs, after a warm-up pass.</summary>
    private static double Best(int runs, ValidEvent[] events, Action<ValidEvent> call)
    {
        foreach (var e in events) call(e);
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var e in events) call(e);
            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / events.Length);
        }
        return best;
    }

    private static double BestRate(int runs, ValidEvent[][] batches, Action<ValidEvent[]> call)
    {
        foreach (var b in batches) call(b);
        var best = 0.0;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var b in batches) call(b);
            best = Math.Max(best, batches.Sum(b => b.Length) / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static Row Print(Row r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Dataset,-8} {r.Model,-44} {r.Method,-21} {r.MicrosecondsPerExplanation,10:F1} {r.MicrosecondsPerPrediction,10:F1} {r.MicrosecondsPerExplanation / r.MicrosecondsPerPrediction,6:F1}"));
        return r;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Row(string Dataset, string Model, string Method, double MicrosecondsPerExplanation, double MicrosecondsPerPrediction);

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("usage: StreamMl.Bench explain [--events 2000] [--runs 3] [--datasets DIR]");
        return 2;
    }
}
