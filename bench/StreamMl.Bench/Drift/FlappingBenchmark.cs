using System.Globalization;
using StreamMl.Core.Slices;

namespace StreamMl.Bench.Drift;

/// <summary>
/// Section 6 of <c>bench drift</c>: the drift signals and journal events of the slices on a long stream where one
/// region's feature moves by a small amount, near what a window can tell apart, and nothing else moves: the case where
/// a test raised and recovered its alarm window after window, each flap a journal event.
/// </summary>
public static class FlappingBenchmark
{
    public const double Shift = 0.35;

    public static void Run(DriftBenchmarkOptions o, TextWriter output)
    {
        var events = o.FlappingEvents;
        var shiftFrom = events / 2;
        var moved = Math.Min(3, o.FlappingRegions - 1);
        var stream = new RegionStream(o.FlappingRegions, seed: 1, shiftedRegion: moved, shift: Shift, shiftFrom: shiftFrom);
        var run = new SliceRun(RegionStream.Spec(o.FlappingWindow), o.FlappingRegions);
        run.Feed(stream, events);

        output.WriteLine();
        output.WriteLine(Invariant($"6. Journal events on a flapping stream: {events:N0} events over {o.FlappingRegions} regions (the global slice and one per region),"));
        output.WriteLine(Invariant($"   windows of {o.FlappingWindow:N0} events, batches of 500, ADWIN on the errors of a fixed model; from event {shiftFrom:N0} region"));
        output.WriteLine(Invariant($"   {RegionStream.Region(moved)}'s attrib1 moves by +{Shift} ({Shift / (10 / Math.Sqrt(12)):F2} sd); nothing else moves (seed 1)"));
        var table = new TextTable("signals", "drift", "recovered", "warning", "of which on attrib1 of the moved region or the global slice");
        foreach (var (name, picked) in new (string, Func<DriftSignal, bool>)[]
                 {
                     ("window tests", s => s.Feature != SliceDrift.ErrorStream),
                     ("error stream", s => s.Feature == SliceDrift.ErrorStream),
                 })
        {
            var signals = run.Signals.Where(s => picked(s.Signal)).ToList();
            table.Add(name, Count(signals, DriftSignalKinds.Drift), Count(signals, DriftSignalKinds.Recovered), Count(signals, DriftSignalKinds.Warning),
                Invariant($"{signals.Count(s => OnMovedFeature(s.Slice, s.Signal, moved))}"));
        }
        table.Write(output);
        var alarms = run.Slices.Sum(s => s.Value.Drift.Alarms.Count);
        output.WriteLine(Invariant($"   journal events: {run.JournalEvents:N0} for {run.Signals.Count:N0} signals; alarms raised at the end: {alarms}"));
        var falseRaises = run.Signals.Where(s => s.Signal.Kind == DriftSignalKinds.Drift && s.Signal.Feature != SliceDrift.ErrorStream && !OnMovedFeature(s.Slice, s.Signal, moved))
            .GroupBy(s => s.Signal.Test).OrderByDescending(g => g.Count()).Select(g => Invariant($"{g.Key} {g.Count()}"));
        output.WriteLine($"   window-test alarms raised elsewhere than on the moved feature, by test: {string.Join(", ", falseRaises.DefaultIfEmpty("none"))}");
    }

    /// <summary>attrib1 (or its derived band) of the moved region's slice or of the global slice, after the move.</summary>
    private static bool OnMovedFeature(string slice, DriftSignal signal, int moved) =>
        (slice == RegionStream.SliceOf(moved) || slice == SliceKey.Global) && signal.Feature is "attrib1" or "attrib1Band";

    private static string Count(List<(string Slice, DriftSignal Signal)> signals, string kind) =>
        signals.Count(s => s.Signal.Kind == kind).ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
