using System.Globalization;
using StreamMl.Core.Slices;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;

namespace StreamMl.Bench.Drift;

/// <summary>
/// Sections 4 and 5 of <c>bench drift</c>, measured through the slices' own drift state (<see cref="SliceState"/>,
/// <see cref="SliceDrift"/>): the false-alarm rate of a stream's slices when nothing changes, and how soon the error
/// detector, re-armed after each detection as slices re-arm it, detects the second and third of three drifts.
/// </summary>
public static class SliceAlarmBenchmark
{
    public static void WriteFalseAlarms(DriftBenchmarkOptions o, TextWriter output)
    {
        var alpha = RegionStream.Spec(o.AlarmWindows[0]).DriftSettings.Alpha;
        output.WriteLine();
        output.WriteLine(Invariant($"4. False alarms of the slices on stationary streams (region streams: SEA features, a region feature, a derived band,"));
        output.WriteLine(Invariant($"   the label and a fixed model's answers; ADWIN on its errors; batches of 500; at least {o.AlarmGlobalWindows:N0} compared windows of the global"));
        output.WriteLine(Invariant($"   slice and {o.AlarmWindowsPerSlice} of each region's; seed 1)."));
        output.WriteLine(Invariant($"   Rates are alarms per 100,000 events recorded per slice (an event counts once in the global slice and once in its region's)."));
        output.WriteLine(Invariant($"   Stated: a compared window raises a window-test alarm with probability at most alpha = {alpha}, i.e. 10^5·alpha/w per 100,000 events."));
        var table = new TextTable("slices", "window", "events", "compared windows", "window-test alarms", "error detections",
            "window tests /100k/slice", "stated", "error detector /100k/slice", "all /100k/slice");
        foreach (var slices in o.AlarmSlices)
            foreach (var window in o.AlarmWindows)
            {
                var events = (long)window * Math.Max(slices * (o.AlarmWindowsPerSlice + 1L), o.AlarmGlobalWindows + 1L);
                var run = new SliceRun(RegionStream.Spec(window), slices);
                run.Feed(new RegionStream(slices, seed: 1), events);
                var sliceEvents = run.Slices.Values.Sum(s => s.Lifetime.Events);
                var compared = run.Slices.Values.Sum(s => Math.Max(0, s.WindowIndex - 1));
                var windowAlarms = run.Signals.Count(s => s.Signal.Kind == DriftSignalKinds.Drift && s.Signal.Feature != SliceDrift.ErrorStream);
                var errorDetections = run.Signals.Count(s => s.Signal.Kind == DriftSignalKinds.Drift && s.Signal.Feature == SliceDrift.ErrorStream);
                table.Add(Invariant($"{slices}"), Invariant($"{window:N0}"), Invariant($"{events:N0}"), Invariant($"{compared:N0}"),
                    Invariant($"{windowAlarms}"), Invariant($"{errorDetections}"),
                    Rate(windowAlarms, sliceEvents), Rate(alpha * compared, sliceEvents), Rate(errorDetections, sliceEvents),
                    Rate(windowAlarms + errorDetections, sliceEvents));
            }
        table.Write(output);
    }

    public static void WriteSuccessiveDrifts(DriftBenchmarkOptions o, TextWriter output)
    {
        var length = o.MultiDriftLength;
        long[] positions = [length / 4, length / 2, 3L * length / 4];
        var horizons = positions.Select((p, k) => Math.Min(o.Horizon, (k + 1 < positions.Length ? positions[k + 1] : length) - p)).ToArray();
        var runs = o.Detectors.ToDictionary(d => d.Key, _ => new List<(string Stream, List<long> Detections)>());
        foreach (var stream in o.Generators)
            for (var seed = 1; seed <= o.Seeds; seed++)
            {
                var schedule = DriftSchedule.Sequence(positions.Select(p => p + o.WarmUp), 0, GeneratorCatalog.ConceptCount(stream));
                var errors = DriftBenchmark.RunGenerated(stream, seed, schedule, length, o, compareWindows: false).Errors;
                foreach (var entry in o.Detectors) runs[entry.Key].Add((stream, SliceDetections(entry, errors)));
            }

        output.WriteLine();
        output.WriteLine(Invariant($"5. Successive drifts: {length:N0} events per stream, abrupt drifts at {string.Join(", ", positions.Select(p => p.ToString("N0", CultureInfo.InvariantCulture)))}"));
        output.WriteLine(Invariant($"   (concepts 0 → 1 → 2 → 3, STAGGER back to 0), the same learner; each detector on its error stream as a slice runs it:"));
        output.WriteLine(Invariant($"   every firing is a detection and re-arms it (ADWIN cut at the change). Drift k counts as detected by a detection"));
        output.WriteLine(Invariant($"   within min({o.Horizon:N0}, the next drift) events after it; delay in events; 'other' = detections outside those spans, most of"));
        output.WriteLine(Invariant($"   them the error rate falling back as the learner adapts to the new concept ({o.Seeds} seeds per generator)"));
        var table = new TextTable("detector", "stream", "1st detected", "delay", "2nd detected", "delay", "3rd detected", "delay", "before 1st", "other");
        foreach (var d in o.Detectors)
        {
            // Rows per stream for the first detector only (ADWIN, the default); pooled rows for all.
            foreach (var stream in (d.Key == o.Detectors[0].Key ? o.Generators : []).Append("all"))
            {
                var selected = runs[d.Key].Where(r => stream == "all" || r.Stream == stream).Select(r => r.Detections).ToList();
                var cells = new List<string> { d.Name, stream };
                var inSpans = 0L;
                for (var k = 0; k < positions.Length; k++)
                {
                    var scores = selected.Select(detections => DetectionScoring.Score(detections.Where(a => a >= positions[k]), positions[k], horizons[k])).ToList();
                    var summary = DetectionScoring.Summarise(scores);
                    cells.Add(Invariant($"{summary.Detected}/{summary.Runs}"));
                    cells.Add(summary.MeanDelay is { } delay ? Invariant($"{delay:F0}") : "-");
                    inSpans += selected.Sum(detections => detections.Count(a => a >= positions[k] && a <= positions[k] + horizons[k]));
                }
                var before = selected.Sum(detections => detections.Count(a => a < positions[0]));
                cells.Add(Invariant($"{before}"));
                cells.Add(Invariant($"{selected.Sum(x => x.Count) - before - inSpans}"));
                table.Add([.. cells]);
            }
        }
        table.Write(output);
        output.WriteLine(Invariant($"   rows per stream for {o.Detectors[0].Name} only; window tests are left out: they compare each window with the reference,"));
        output.WriteLine("   so an alarm raised by the first drift stays raised through the next ones");
    }

    /// <summary>The positions (0-based) at which a slice's error stream, fed these 0/1 errors, reports a detection of <paramref name="entry"/>.</summary>
    private static List<long> SliceDetections(DetectorEntry entry, double[] errors)
    {
        var drift = new SliceDrift { ErrorDetector = entry.Create() };
        var spec = new DriftSpec();
        var detections = new List<long>();
        for (var t = 0; t < errors.Length; t++)
        {
            var signal = drift.OnLabelled(1, errors[t] == 0, t + 1, spec, null);
            if (signal?.Kind == DriftSignalKinds.Drift) detections.Add(t);
            // A detection renewing the raised alarm is held for its window's end, with its own position: taken here as it comes.
            foreach (var renewal in drift.TakeHeldRenewals()) detections.Add(renewal.AtEvent - 1);
        }
        return detections;
    }

    /// <summary>Per 100,000 events.</summary>
    private static string Rate(double count, long events) => Invariant($"{(events > 0 ? count * 100_000 / events : 0):F2}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
