using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using StreamMl.Core.Drift;
using StreamMl.Core.Learning;
using StreamMl.Core.Learning.Bayes;
using StreamMl.Core.Spec;
using StreamMl.Core.Statistics;
using StreamMl.Streams.Generators;

namespace StreamMl.Bench.Drift;

/// <summary>Settings of <see cref="DriftBenchmark"/>.</summary>
public sealed record DriftBenchmarkOptions
{
    public int Seeds { get; init; } = 5;

    /// <summary>Measured events per generated stream (after the warm-up).</summary>
    public int Length { get; init; } = 100_000;

    /// <summary>Position of the abrupt drift in the measured stream.</summary>
    public int DriftAt { get; init; } = 50_000;

    /// <summary>Directory holding elec.csv, sea_stream.csv and weather.csv.</summary>
    public required string Datasets { get; init; }

    public IReadOnlyList<DetectorEntry> Detectors { get; init; } = BenchmarkDetectors.All;
    public IReadOnlyList<string> Generators { get; init; } = GeneratorCatalog.Names;
    public IReadOnlyList<string> RealDatasets { get; init; } = DriftBenchmark.DatasetNames;

    /// <summary>Events per window of the two-sample tests.</summary>
    public int Window { get; init; } = 2_000;

    /// <summary>A drift counts as detected by an alarm in [P, P + Horizon].</summary>
    public int Horizon { get; init; } = 5_000;

    /// <summary>Examples the learner trains on before anything is measured.</summary>
    public int WarmUp { get; init; } = 1_000;

    /// <summary>Slices of the stationary streams of section 4 (1 is the global slice alone); empty leaves the section out.</summary>
    public IReadOnlyList<int> AlarmSlices { get; init; } = [1, 10, 100];

    /// <summary>Window sizes of the stationary streams of section 4.</summary>
    public IReadOnlyList<int> AlarmWindows { get; init; } = [500, 1_000, 5_000];

    /// <summary>Windows each region slice compares with its first in section 4, at least.</summary>
    public int AlarmWindowsPerSlice { get; init; } = 10;

    /// <summary>Windows the global slice compares with its first in section 4, at least: enough to measure a rate of one in a hundred.</summary>
    public int AlarmGlobalWindows { get; init; } = 1_000;

    /// <summary>Events of the streams with three drifts (section 5), at a quarter, a half and three quarters; 0 leaves the section out.</summary>
    public int MultiDriftLength { get; init; } = 120_000;

    /// <summary>Events of the flapping stream (section 6); 0 leaves the section out.</summary>
    public int FlappingEvents { get; init; } = 1_330_000;

    /// <summary>Regions of the flapping stream, each a slice.</summary>
    public int FlappingRegions { get; init; } = 10;

    /// <summary>Events per window of the flapping stream's slices.</summary>
    public int FlappingWindow { get; init; } = 1_000;
}

/// <summary>
/// The drift-detection benchmark: the six streaming detectors and the two-sample tests of
/// <see cref="ProfileComparison"/> on generated streams with one abrupt drift (and stationary twins), and the
/// detectors on the real datasets; then, through the slices' own drift state, their false-alarm rate on stationary streams,
/// successive drifts and the journal of a flapping stream (<see cref="SliceAlarmBenchmark"/>, <see cref="FlappingBenchmark"/>).
/// The learner whose errors the detectors watch is Core's <see cref="GaussianNaiveBayes"/>,
/// which never forgets: after a concept change it keeps predicting by the old concept for a long time, so its error
/// rate rises and stays up, which is what the detectors are meant to notice.
/// </summary>
public static class DriftBenchmark
{
    public static IReadOnlyList<string> DatasetNames { get; } = ["elec", "sea_stream", "weather"];

    /// <summary>Mean nanoseconds per detector update that count as "far below a microsecond".</summary>
    public const double FastUpdateNanoseconds = 100;

    private const int FirstAlarmsShown = 10;

    public static int Run(DriftBenchmarkOptions options, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        WriteSettings(options, output);

        var detectors = options.Detectors;
        var detectorRuns = new Dictionary<(string Detector, string Stream), List<RunScore>>();
        var stationaryAlarms = new Dictionary<(string Detector, string Stream), (long Alarms, long Events)>();
        var timing = detectors.ToDictionary(d => d.Key, _ => (Ticks: 0L, Updates: 0L));
        var testRows = new List<string>();
        var testRuns = new Dictionary<(string Row, string Stream), List<RunScore>>();
        var stationaryWindows = new Dictionary<(string Row, string Stream), (long Flagged, long Windows)>();
        long compareTicks = 0, compares = 0;
        var errorRates = new Dictionary<string, (double Stationary, double Before, double After)>();
        var driftWindow = options.DriftAt / options.Window;

        // Compile the detectors' code before anything is timed.
        var random = new Random(7);
        var warmUpErrors = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() < 0.2 ? 1.0 : 0.0).ToArray();
        foreach (var entry in detectors) Detect(entry, warmUpErrors);
        var windowHorizon = (options.Horizon + options.Window - 1) / options.Window - 1;

        foreach (var stream in options.Generators)
        {
            double stationaryError = 0, beforeError = 0, afterError = 0;
            for (var seed = 1; seed <= options.Seeds; seed++)
                foreach (var drifting in new[] { true, false })
                {
                    var schedule = drifting ? new DriftSchedule(new ConceptDrift(options.WarmUp + options.DriftAt, 1)) : DriftSchedule.Stationary;
                    var run = RunGenerated(stream, seed, schedule, options.Length, options);
                    var errors = run.Errors;
                    if (drifting)
                    {
                        beforeError += Mean(errors, 0, options.DriftAt) / options.Seeds;
                        afterError += Mean(errors, options.DriftAt, errors.Length) / options.Seeds;
                    }
                    else
                    {
                        stationaryError += Mean(errors, 0, errors.Length) / options.Seeds;
                    }

                    foreach (var entry in detectors)
                    {
                        var (alarms, ticks) = Detect(entry, errors);
                        var t = timing[entry.Key];
                        timing[entry.Key] = (t.Ticks + ticks, t.Updates + errors.Length);
                        if (drifting)
                            Add(detectorRuns, (entry.Key, stream), DetectionScoring.Score(alarms, options.DriftAt, options.Horizon));
                        else
                        {
                            var s = stationaryAlarms.GetValueOrDefault((entry.Key, stream));
                            stationaryAlarms[(entry.Key, stream)] = (s.Alarms + alarms.Count, s.Events + errors.Length);
                        }
                    }

                    compareTicks += run.CompareTicks;
                    compares += run.Compares;
                    foreach (var (row, flagged) in run.Flagged)
                    {
                        if (!testRows.Contains(row)) testRows.Add(row);
                        if (drifting)
                            Add(testRuns, (row, stream), DetectionScoring.Score(flagged, driftWindow, windowHorizon));
                        else
                        {
                            var s = stationaryWindows.GetValueOrDefault((row, stream));
                            stationaryWindows[(row, stream)] = (s.Flagged + flagged.Count, s.Windows + run.Compares);
                        }
                    }
                }
            errorRates[stream] = (stationaryError, beforeError, afterError);
        }

        if (options.Generators.Count > 0)
        {
            WriteLearner(options, errorRates, output);
            WriteDetectors(options, detectorRuns, stationaryAlarms, timing, output);
            WriteTests(options, testRows, testRuns, stationaryWindows, compareTicks, compares, driftWindow, windowHorizon, output);
        }
        WriteRealDatasets(options, output);
        if (options.Generators.Count > 0)
            WriteGoals(options, detectorRuns, stationaryAlarms, timing, output);
        if (options.AlarmSlices.Count > 0 && options.AlarmWindows.Count > 0) SliceAlarmBenchmark.WriteFalseAlarms(options, output);
        if (options.MultiDriftLength > 0 && options.Generators.Count > 0 && options.Detectors.Count > 0) SliceAlarmBenchmark.WriteSuccessiveDrifts(options, output);
        if (options.FlappingEvents > 0) FlappingBenchmark.Run(options, output);
        output.WriteLine();
        output.WriteLine(Invariant($"total time {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    internal sealed record GeneratedRun(double[] Errors, Dictionary<string, List<long>> Flagged, long Compares, long CompareTicks);

    /// <summary>
    /// One generated stream under <paramref name="schedule"/> (positions count the warm-up): the learner warms up, then
    /// predicts and learns every event (test-then-train), writing its 0/1 errors for <paramref name="length"/> events;
    /// with <paramref name="compareWindows"/>, every <see cref="DriftBenchmarkOptions.Window"/> events a profile closes
    /// and, from the second on, is compared with the first. Flagged windows per test row, by window index.
    /// </summary>
    internal static GeneratedRun RunGenerated(string stream, int seed, DriftSchedule schedule, int length, DriftBenchmarkOptions options,
        bool compareWindows = true)
    {
        var generator = GeneratorCatalog.Create(stream, seed, schedule, continuousDrift: false);
        if (generator.ClassCount != 2) throw new NotSupportedException($"{stream}: the benchmark's learner has two classes, the stream {generator.ClassCount}");
        var learner = new GaussianNaiveBayes(new LearnerSchema([.. generator.NumericNames], [.. generator.CategoricalNames], LabelKind.Binary));
        for (var i = 0; i < options.WarmUp; i++)
        {
            var e = generator.Next();
            learner.Learn(new LearnerInput(e.Numeric, e.Categorical), e.Label);
        }

        var kinds = generator.NumericNames.Select(n => (n, FeatureKind.Numeric))
            .Concat(generator.CategoricalNames.Select(n => (n, FeatureKind.Categorical))).ToArray();
        var errors = new double[length];
        var flagged = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        StatisticsSet? reference = null;
        var window = StatisticsSet.Create(kinds);
        long windowIndex = 0, compares = 0, compareTicks = 0;
        for (var t = 0; t < length; t++)
        {
            var e = generator.Next();
            var probability = learner.Predict(new LearnerInput(e.Numeric, e.Categorical));
            var predicted = probability >= 0.5 ? 1 : 0;
            errors[t] = predicted == e.Label ? 0 : 1;
            learner.Learn(new LearnerInput(e.Numeric, e.Categorical), e.Label);
            if (!compareWindows) continue;

            for (var j = 0; j < e.Numeric.Length; j++) window.Features[generator.NumericNames[j]].AddNumeric(e.Numeric[j]);
            for (var j = 0; j < e.Categorical.Length; j++) window.Features[generator.CategoricalNames[j]].AddCategory(e.Categorical[j]);
            window.Labels.Add(e.Label.ToString(CultureInfo.InvariantCulture));
            window.Scores.Add(probability, predicted == 1);
            window.Events++;
            if (window.Events < options.Window) continue;

            if (reference is null)
            {
                reference = window;
            }
            else
            {
                var start = Stopwatch.GetTimestamp();
                var results = ProfileComparison.Compare(reference, window);
                compareTicks += Stopwatch.GetTimestamp() - start;
                compares++;
                var any = false;
                foreach (var group in results.GroupBy(RowOf))
                {
                    var list = flagged.TryGetValue(group.Key, out var l) ? l : flagged[group.Key] = [];
                    if (!group.Any(r => r.Result.Drift)) continue;
                    list.Add(windowIndex);
                    any = true;
                }
                var anyList = flagged.TryGetValue(AnyTest, out var a) ? a : flagged[AnyTest] = [];
                if (any) anyList.Add(windowIndex);
            }
            window = StatisticsSet.Create(kinds);
            windowIndex++;
        }
        return new GeneratedRun(errors, flagged, compares, compareTicks);
    }

    private const string AnyTest = "any test";

    private static string RowOf(FeatureDriftResult r)
    {
        var scope = r.Feature switch
        {
            ProfileComparison.LabelName => "label",
            ProfileComparison.PredictionName => "prediction",
            _ => "features",
        };
        var test = r.Result.Test switch
        {
            nameof(DriftTestKind.PopulationStabilityIndex) => "PSI",
            nameof(DriftTestKind.KolmogorovSmirnov) => "KS",
            nameof(DriftTestKind.JensenShannon) => "JS",
            nameof(DriftTestKind.TwoProportionZ) => "2-prop z",
            nameof(DriftTestKind.LInfinity) => "L∞",
            nameof(DriftTestKind.ChiSquared) => "χ²",
            var other => other,
        };
        return $"{test} {scope}";
    }

    /// <summary>Feeds <paramref name="values"/> to a fresh detector; the alarm positions and the Stopwatch ticks of the updates alone.</summary>
    private static (List<long> Alarms, long Ticks) Detect(DetectorEntry entry, double[] values, int offset = 0)
    {
        var detector = entry.Create();
        var alarms = new List<long>();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < values.Length; i++)
        {
            detector.Update(values[i]);
            if (detector.DriftDetected) alarms.Add(i + offset);
        }
        return (alarms, Stopwatch.GetTimestamp() - start);
    }

    private static void Add<TKey>(Dictionary<TKey, List<RunScore>> map, TKey key, RunScore score) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(score);
    }

    private static double Mean(double[] values, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++) sum += values[i];
        return to > from ? sum / (to - from) : 0;
    }

    private static void WriteSettings(DriftBenchmarkOptions o, TextWriter output)
    {
        output.WriteLine("streamml bench drift");
        output.WriteLine(Invariant($"settings: seeds {o.Seeds}, length {o.Length:N0} events per stream, abrupt drift at P = {o.DriftAt:N0} (concept 0 → 1), learner warm-up {o.WarmUp:N0} events"));
        output.WriteLine(Invariant($"          detection window [P, P + {o.Horizon:N0}]; two-sample tests on windows of {o.Window:N0} events against the first window"));
        output.WriteLine($"          generators: {string.Join(", ", o.Generators)} (hyperplane without rotation, rbf with speed 0); datasets: {string.Join(", ", o.RealDatasets)} from {o.Datasets}");
        output.WriteLine($"          detectors: {string.Join("; ", o.Detectors.Select(d => $"{d.Name} ({d.Parameters})"))}");
        output.WriteLine("          learner: online naive Bayes (Gaussian numeric, Laplace categorical), test-then-train, never forgets;");
        output.WriteLine("          every detector sees the same 0/1 error stream of that learner (ADWIN, Page-Hinkley and KSWIN too: the");
        output.WriteLine("          generators' features do not change at a drift except RBF's, so the error stream is the common signal)");
        var configuration = typeof(DriftBenchmark).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true ? "Debug (timings not meaningful)" : "Release";
        output.WriteLine($"machine:  {CpuModel()}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}, {configuration} build");
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        return "CPU model unknown";
    }

    private static void WriteLearner(DriftBenchmarkOptions o, Dictionary<string, (double Stationary, double Before, double After)> rates, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Learner error rate (mean over seeds)");
        var table = new TextTable("stream", "stationary", "drifting, before P", "drifting, after P");
        foreach (var (stream, r) in rates) table.Add(stream, Percent(r.Stationary), Percent(r.Before), Percent(r.After));
        table.Write(output);
    }

    private static void WriteDetectors(DriftBenchmarkOptions o, Dictionary<(string, string), List<RunScore>> runs,
        Dictionary<(string, string), (long Alarms, long Events)> stationary, Dictionary<string, (long Ticks, long Updates)> timing, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"1. Detectors on the learner's error stream ({o.Seeds} seeds per stream; delays over detecting runs; fa<P summed over the drifting runs)"));
        var table = new TextTable("detector", "stream", "detected", "mean delay", "worst delay", "fa<P", "fa/100k stationary", "ns/update", "updates/s");
        foreach (var d in o.Detectors)
        {
            var (ticks, updates) = timing[d.Key];
            var ns = Nanoseconds(ticks, updates);
            foreach (var stream in o.Generators)
            {
                var s = DetectionScoring.Summarise(runs[(d.Key, stream)]);
                var (alarms, events) = stationary[(d.Key, stream)];
                table.Add(d.Name, stream, Invariant($"{s.Detected}/{s.Runs}"), Delay(s.MeanDelay), Delay(s.WorstDelay),
                    Invariant($"{s.FalseAlarmsBefore}"), Invariant($"{DetectionScoring.Rate(alarms, events, 100_000):F1}"), "", "");
            }
            var all = DetectionScoring.Summarise(o.Generators.SelectMany(stream => runs[(d.Key, stream)]));
            var pooled = o.Generators.Select(stream => stationary[(d.Key, stream)]).Aggregate((a, b) => (a.Alarms + b.Alarms, a.Events + b.Events));
            table.Add(d.Name, "all", Invariant($"{all.Detected}/{all.Runs}"), Delay(all.MeanDelay), Delay(all.WorstDelay),
                Invariant($"{all.FalseAlarmsBefore}"), Invariant($"{DetectionScoring.Rate(pooled.Alarms, pooled.Events, 100_000):F1}"),
                Invariant($"{ns:F1}"), Invariant($"{1e9 / ns:N0}"));
        }
        table.Write(output);
    }

    private static void WriteTests(DriftBenchmarkOptions o, List<string> rows, Dictionary<(string, string), List<RunScore>> runs,
        Dictionary<(string, string), (long Flagged, long Windows)> stationary, long compareTicks, long compares, long driftWindow, long windowHorizon,
        TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"2. Two-sample tests (ProfileComparison, default DriftSettings: each window's tests one Bonferroni family) on windows of {o.Window:N0} events against window 0"));
        output.WriteLine(Invariant($"   drift window {driftWindow} (holds P); detected = a flagged window among windows {driftWindow}..{driftWindow + windowHorizon}; delay in windows;"));
        output.WriteLine("   a row is flagged when any of its results drifts (features: any feature); fa<P = flagged windows before the drift window, summed over seeds");
        var table = new TextTable("test", "stream", "detected", "mean delay", "worst delay", "fa<P", "fa/100 windows stationary");
        foreach (var row in rows.Where(r => r != AnyTest).Append(AnyTest))
        {
            foreach (var stream in o.Generators)
            {
                if (!runs.TryGetValue((row, stream), out var list)) continue;
                var s = DetectionScoring.Summarise(list);
                var (flagged, windows) = stationary[(row, stream)];
                table.Add(row, stream, Invariant($"{s.Detected}/{s.Runs}"), Delay(s.MeanDelay, "F1"), Delay(s.WorstDelay),
                    Invariant($"{s.FalseAlarmsBefore}"), Invariant($"{DetectionScoring.Rate(flagged, windows, 100):F1}"));
            }
        }
        table.Write(output);
        var ns = Nanoseconds(compareTicks, compares);
        output.WriteLine(Invariant($"   {compares:N0} profile comparisons (all tests, all features), {ns / 1000:F1} µs each, {1e9 / ns:N0} compares/s"));
    }

    private static void WriteRealDatasets(DriftBenchmarkOptions o, TextWriter output)
    {
        if (o.RealDatasets.Count == 0) return;
        output.WriteLine();
        output.WriteLine(Invariant($"3. Real datasets (no known drift positions): alarms on the learner's error stream after a {o.WarmUp:N0}-row warm-up; positions are 0-based data rows"));
        var table = new TextTable("dataset", "rows", "error rate", "detector", "alarms", Invariant($"first {FirstAlarmsShown} positions"));
        foreach (var name in o.RealDatasets)
        {
            var path = Core.Files.CsvFile.Find(o.Datasets, name) ?? Path.Combine(o.Datasets, name + ".csv");
            var data = NumericCsv.Read(path);
            var warmUp = Math.Min(o.WarmUp, data.Rows / 2);
            if (data.Classes > 2) throw new NotSupportedException($"{name}: the benchmark's learner has two classes, the dataset {data.Classes}");
            var learner = new GaussianNaiveBayes(new LearnerSchema(data.Names, [], LabelKind.Binary));
            var errors = new double[data.Rows - warmUp];
            for (var i = 0; i < data.Rows; i++)
            {
                var input = new LearnerInput(data.Row(i), []);
                if (i >= warmUp) errors[i - warmUp] = (learner.Predict(input) >= 0.5 ? 1 : 0) == data.Labels[i] ? 0 : 1;
                learner.Learn(input, data.Labels[i]);
            }
            var errorRate = Percent(Mean(errors, 0, errors.Length));
            foreach (var d in o.Detectors)
            {
                var (alarms, _) = Detect(d, errors, warmUp);
                table.Add(name, Invariant($"{data.Rows:N0}"), errorRate, d.Name, Invariant($"{alarms.Count}"),
                    string.Join(" ", alarms.Take(FirstAlarmsShown).Select(a => a.ToString(CultureInfo.InvariantCulture))));
            }
        }
        table.Write(output);
    }

    private static void WriteGoals(DriftBenchmarkOptions o, Dictionary<(string, string), List<RunScore>> runs,
        Dictionary<(string, string), (long Alarms, long Events)> stationary, Dictionary<string, (long Ticks, long Updates)> timing, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Goals (detectors on the generated streams)");
        output.WriteLine("  G1 every abrupt drift detected (within the detection window, every generator and seed)");
        output.WriteLine("  G2 mean delay on abrupt SEA drifts no worse than ADWIN's with δ = 0.002 (and as many SEA drifts detected)");
        output.WriteLine("  G3 ≤ 1 false alarm per 100,000 events on the stationary streams (pooled over generators and seeds)");
        output.WriteLine(Invariant($"  G4 detector updates far below a microsecond (taken as a mean of at most {FastUpdateNanoseconds:F0} ns per update)"));
        var adwin = o.Detectors.FirstOrDefault(d => d.Key == "adwin");
        var sea = o.Generators.Contains("sea");
        var adwinSea = adwin is not null && sea ? DetectionScoring.Summarise(runs[(adwin.Key, "sea")]) : null;
        var table = new TextTable("detector", "G1", "G2", "G3", "G4", "all four");
        var allMet = new List<string>();
        foreach (var d in o.Detectors)
        {
            var all = DetectionScoring.Summarise(o.Generators.SelectMany(stream => runs[(d.Key, stream)]));
            var g1 = all.Detected == all.Runs;
            bool? g2 = null;
            if (adwinSea is not null)
            {
                var mine = DetectionScoring.Summarise(runs[(d.Key, "sea")]);
                g2 = mine.Detected >= adwinSea.Detected && mine.MeanDelay is { } m && (adwinSea.MeanDelay is not { } a || m <= a);
            }
            var pooled = o.Generators.Select(stream => stationary[(d.Key, stream)]).Aggregate((a, b) => (a.Alarms + b.Alarms, a.Events + b.Events));
            var g3 = DetectionScoring.Rate(pooled.Alarms, pooled.Events, 100_000) <= 1;
            var g4 = Nanoseconds(timing[d.Key].Ticks, timing[d.Key].Updates) <= FastUpdateNanoseconds;
            var every = g1 && g2 == true && g3 && g4;
            if (every) allMet.Add(d.Name);
            table.Add(d.Name, Met(g1), g2 is { } g ? Met(g) : "n/a (needs ADWIN and sea)", Met(g3), Met(g4), Met(every));
        }
        table.Write(output);
        output.WriteLine(allMet.Count > 0 ? $"  all four goals met by: {string.Join(", ", allMet)}" : "  no detector meets all four goals");
    }

    private static string Met(bool met) => met ? "met" : "not met";

    private static double Nanoseconds(long ticks, long count) => count == 0 ? double.NaN : ticks * (1e9 / Stopwatch.Frequency) / count;

    private static string Percent(double share) => Invariant($"{100 * share:F1}%");

    private static string Delay(double? value, string format = "F0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Delay(long? value, string format = "F0") => Delay((double?)value, format);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
