using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Demo;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Evaluation;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Bench.Online;

/// <summary>
/// <c>bench online</c>: the demo's online learner on elec and on a SEA stream with two abrupt drifts, at each label lag,
/// in-process (prequential, label delay lag + 1: the Core learner alone) and through one and two nodes over the dev
/// broker at each replay rate; beside it today's batch loop (a first model trained on the head, retrained, gated and
/// promoted) through one node. Per run: accuracy; the same learner in-process at the run's effective label delay (the
/// median over its answers of the event's position minus the labels its model had learnt) and the difference in
/// points; the labels behind; and the events each drift took to recover, beside in-process at that delay.
/// </summary>
public static class OnlineBenchmark
{
    private const int TrainRows = 5000;

    private sealed record Stream(string Name, string Spec, string Csv, IReadOnlyList<EventRecord> Events, IReadOnlyList<int> Drifts);

    public static async Task<int> Run(string[] args)
    {
        var (datasets, lags, rates, nodes, events) = (new[] { "elec", "sea" }, new[] { 1, 200 }, new[] { 2000, 8000 }, new[] { 1, 2 }, 20_000);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--datasets": datasets = value.Split(','); break;
                case "--lags": lags = Ints(args[i], value); break;
                case "--rates": rates = Ints(args[i], value); break;
                case "--nodes": nodes = Ints(args[i], value); break;
                case "--events": events = Ints(args[i], value)[0]; break;
                default: return Fail($"unknown option {args[i]}");
            }
        }
        if (args.Length % 2 != 0) return Fail($"{args[^1]}: missing value");
        if (datasets.Except(["elec", "sea"]).FirstOrDefault() is { } unknown) return Fail($"--datasets: unknown dataset '{unknown}' (elec, sea)");

        var work = Directory.CreateTempSubdirectory("streamml-bench-online-").FullName;
        try
        {
            // "in-proc": the learner alone at the run's effective delay (its answers' median of position − labels learnt).
            Console.WriteLine($"{"dataset",-8} {"lag",4} {"rate",6} {"run",-10} {"accuracy",9} {"in-proc",9} {"points",7} {"delay p50",9} {"behind p50/p99",14} {"recovery",14} {"in-proc rec.",14} {"seconds",7}");
            var results = new List<Dictionary<string, object?>>();
            foreach (var name in datasets)
            {
                var stream = name == "elec" ? Elec(events) : Sea(events, work);
                // The online runs serve the online model only: no batch challenger trains beside it (the batch loop runs apart).
                var (specPath, online) = DemoModels.WriteOnlineSpec(stream.Spec, Path.Combine(work, name), batchChallengers: false);
                foreach (var lag in lags)
                {
                    var inProcess = InProcess(stream, online, lag + 1);
                    Report(results, stream, lag, null, "in-process", inProcess, inProcess, null);
                    foreach (var rate in rates)
                        foreach (var n in nodes)
                        {
                            var run = await ClusterReplay.Run(specPath, null, n, stream.Events, lag, rate, Path.Combine(work, $"{name}-{lag}-{rate}-{n}"));
                            var figures = Figures(stream, run);
                            var sameDelay = InProcess(stream, online, (int)Math.Max(1, figures.EffectiveDelayP50 ?? lag + 1));
                            Report(results, stream, lag, rate, n == 1 ? "1 node" : $"{n} nodes", figures, sameDelay, run.Seconds);
                        }
                    var model = Path.Combine(work, name, "batch-v1.zip");
                    if (!File.Exists(model)) TrainCommand.Train(stream.Spec, stream.Csv, model, TrainRows, "v1");
                    var batch = await ClusterReplay.Run(stream.Spec, model, 1, stream.Events, lag, rates[0], Path.Combine(work, $"{name}-{lag}-batch"));
                    Report(results, stream, lag, rates[0], "batch", Figures(stream, batch), inProcess, batch.Seconds);
                }
            }
            Console.WriteLine();
            foreach (var r in results) Console.WriteLine(JsonSerializer.Serialize(r));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The learner alone, test then train, each label revealed <paramref name="delay"/> events after its event: lag + 1
    /// as the producer sends it, or the delay a cluster run's answers had.
    /// </summary>
    private static ReplayFigures InProcess(Stream stream, OnlineModelSpec online, int delay)
    {
        var spec = new CompiledSpec(SpecLoader.Load(stream.Spec));
        var decoder = new EventDecoder(spec);
        var valid = stream.Events.Select(e => decoder.Decode(EventProducer.Serialize(e)).Event!).ToArray();
        var schema = LearnerSchema.FromSpec(spec);
        var labelled = new LabelledStream(stream.Name, schema, valid.SelectMany(e => e.Numeric).ToArray(), valid.SelectMany(e => e.Categorical).ToArray(),
            valid.Select(e => e.Label!.Value).ToArray());
        var right = new bool[valid.Length];
        PrequentialEvaluation.Run(LearnerCatalog.Create(online.Learning(), schema), labelled, delay, (t, p) => right[t] = p >= 0.5 == (valid[t].Label == 1));
        return ReplayFigures.Of(right, stream.Drifts, Enumerable.Repeat((long)delay, valid.Length).ToArray());
    }

    private static ReplayFigures Figures(Stream stream, ClusterReplay.Result run)
    {
        var right = new bool[stream.Events.Count];
        var delays = new List<long>();
        var behind = new List<long>();
        for (var i = 0; i < right.Length; i++)
        {
            var e = stream.Events[i];
            var p = run.Predictions[e.Id];
            right[i] = p.PredictedLabel == (e.Label!.Value.Number == 1);
            if (p.ModelUpdates is { } updates) delays.Add(i - updates);
            if (p.LabelsBehind is { } lag) behind.Add(lag);
        }
        return ReplayFigures.Of(right, stream.Drifts, delays.Count > 0 ? delays.ToArray() : null, behind.Count > 0 ? behind.ToArray() : null);
    }

    /// <param name="inProcess">The learner in-process at the run's effective delay (for the batch loop: at lag + 1).</param>
    private static void Report(List<Dictionary<string, object?>> results, Stream stream, int lag, int? rate, string run, ReplayFigures f, ReplayFigures inProcess, double? seconds)
    {
        var recovery = string.Join(", ", f.Recovery.Select(r => r?.ToString(CultureInfo.InvariantCulture) ?? "never"));
        var inProcessRecovery = string.Join(", ", inProcess.Recovery.Select(r => r?.ToString(CultureInfo.InvariantCulture) ?? "never"));
        Console.WriteLine($"{stream.Name,-8} {lag,4} {rate?.ToString(CultureInfo.InvariantCulture) ?? "-",6} {run,-10} {f.Accuracy,9:P2} {inProcess.Accuracy,9:P2} {(f.Accuracy - inProcess.Accuracy) * 100,+7:+0.00;-0.00} "
            + $"{f.EffectiveDelayP50?.ToString(CultureInfo.InvariantCulture) ?? "-",9} {$"{f.LabelsBehindP50?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{f.LabelsBehindP99?.ToString(CultureInfo.InvariantCulture) ?? "-"}",14} "
            + $"{(stream.Drifts.Count == 0 ? "-" : recovery),14} {(stream.Drifts.Count == 0 ? "-" : inProcessRecovery),14} {seconds?.ToString("F1", CultureInfo.InvariantCulture) ?? "-",7}");
        results.Add(new()
        {
            ["dataset"] = stream.Name, ["events"] = stream.Events.Count, ["lag"] = lag, ["rate"] = rate, ["run"] = run, ["accuracy"] = Math.Round(f.Accuracy, 5),
            ["inProcessAccuracy"] = Math.Round(inProcess.Accuracy, 5), ["inProcessDelay"] = inProcess.EffectiveDelayP50,
            ["pointsVsInProcess"] = Math.Round((f.Accuracy - inProcess.Accuracy) * 100, 3), ["inProcessRecovery"] = inProcess.Recovery, ["effectiveDelayP50"] = f.EffectiveDelayP50,
            ["labelsBehindP50"] = f.LabelsBehindP50, ["labelsBehindP99"] = f.LabelsBehindP99, ["drifts"] = stream.Drifts, ["recovery"] = f.Recovery, ["seconds"] = seconds,
        });
    }

    /// <summary>elec after the rows a batch model trains on: no known drift points.</summary>
    private static Stream Elec(int events)
    {
        var spec = BundledFiles.Spec("elec2");
        var csv = StreamMl.Core.Files.CsvFile.Find(BundledFiles.Datasets, "elec")!;
        var replay = new CsvEventSource(csv, SpecLoader.Load(spec), includeLabels: true, idPrefix: "elec-", skip: TrainRows, take: events).ToList();
        return new Stream("elec", spec, csv, replay, []);
    }

    /// <summary>
    /// SEA (θ = 8, then 9 and 7, 10 % label noise): the head a batch model trains on, then the replay, with abrupt drifts
    /// at 40 % and 70 % of it; written to a CSV for the batch model's training.
    /// </summary>
    private static Stream Sea(int events, string work)
    {
        var drifts = new[] { events * 4 / 10, events * 7 / 10 };
        var generator = GeneratorCatalog.Create("sea", 1, GeneratorCatalog.Schedule("sea", string.Join(',', drifts.Select(d => d + TrainRows)), 0));
        var all = GeneratedEvents.ToEvents(generator, includeLabels: true, idPrefix: "sea-").Take(TrainRows + events).ToList();
        var csv = Path.Combine(work, "sea.csv");
        var text = new StringBuilder("attrib1,attrib2,attrib3,class\n");
        foreach (var e in all)
            text.Append(CultureInfo.InvariantCulture, $"{e.Features["attrib1"].Number},{e.Features["attrib2"].Number},{e.Features["attrib3"].Number},{e.Label!.Value.Number}\n");
        File.WriteAllText(csv, text.ToString());
        return new Stream("sea", BundledFiles.Spec("sea"), csv, all.Skip(TrainRows).ToList(), drifts);
    }

    private static int[] Ints(string option, string value)
    {
        var parts = value.Split(',');
        var ints = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ints[i]) || ints[i] < 1)
                throw new ArgumentException($"{option}: '{parts[i]}' is not a positive whole number");
        return ints;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"bench online: {message}");
        return 2;
    }
}
