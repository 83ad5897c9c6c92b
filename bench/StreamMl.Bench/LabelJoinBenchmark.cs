using System.Diagnostics;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Labels;

namespace StreamMl.Bench;

/// <summary>
/// AddPrediction + AddLabel over 1,000,000 event ids: each label arrives 1,000 predictions after its own, one
/// prediction per simulated millisecond, so about 1,000 predictions wait at any time and every one joins.
/// </summary>
public static class LabelJoinBenchmark
{
    private const int Ids = 1_000_000;
    private const int LabelLag = 1_000;
    private const int Runs = 3;

    public static int Run()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var scores = new[] { new ScoredBy("v1", 0.8, true, Shadow: false) };
        var predictions = new PendingPrediction[Ids];
        for (var i = 0; i < Ids; i++)
            predictions[i] = new PendingPrediction(new ValidEvent($"event-{i}", start, [i], ["a"], [], null, ["*"]), scores);

        Pass(predictions, start, 100_000);
        var rates = new List<double>();
        Console.WriteLine($"machine: {Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        for (var run = 1; run <= Runs; run++)
        {
            GC.Collect();
            var (elapsed, joined) = Pass(predictions, start, Ids);
            if (joined != Ids) throw new InvalidOperationException($"{joined:N0} of {Ids:N0} predictions joined");
            rates.Add(2.0 * Ids / elapsed.TotalSeconds);
            Console.WriteLine($"run {run}: {Ids:N0} AddPrediction + {Ids:N0} AddLabel in {elapsed.TotalMilliseconds:N0} ms: " +
                $"{rates[^1]:N0} operations/s ({elapsed.TotalNanoseconds / (2.0 * Ids):F0} ns each), {joined:N0} joined");
        }
        rates.Sort();
        Console.WriteLine($"LabelJoin AddPrediction+AddLabel: {rates[Runs / 2]:N0} operations/s (median of {Runs}; " +
            $"{Ids:N0} ids, labels {LabelLag:N0} predictions behind, horizon 10 min, capacity 100,000)");
        var (held, remembered) = HeldByRememberedJoins(start);
        Console.WriteLine($"LabelJoin memory: {held / 1048576.0:F1} MB of managed heap held by a bucket remembering {remembered:N0} joins " +
            $"({(double)held / remembered:F0} bytes each; nothing else holds their ids)");
        return 0;
    }

    /// <summary>The managed heap a join holds once it remembers its capacity of joins (their ids made here and held by it alone).</summary>
    private static (long Bytes, int Remembered) HeldByRememberedJoins(DateTimeOffset start)
    {
        const int capacity = 100_000;
        var scores = new[] { new ScoredBy("v1", 0.8, true, Shadow: false) };
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var join = new LabelJoin(TimeSpan.FromMinutes(10), capacity);
        for (var i = 0; i < capacity; i++)
        {
            var id = $"held-{i}";
            join.AddPrediction(new PendingPrediction(new ValidEvent(id, start, [i], ["a"], [], null, ["*"]), scores), start);
            join.AddLabel(id, 1, start);
        }
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(join);
        return (held, capacity);
    }

    private static (TimeSpan Elapsed, long Joined) Pass(PendingPrediction[] predictions, DateTimeOffset start, int count)
    {
        var join = new LabelJoin(TimeSpan.FromMinutes(10), capacity: 100_000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var now = start.AddTicks(i * TimeSpan.TicksPerMillisecond);
            join.AddPrediction(predictions[i], now);
            if (i >= LabelLag) join.AddLabel(predictions[i - LabelLag].Event.Id, 1, now);
        }
        var end = start.AddTicks(count * TimeSpan.TicksPerMillisecond);
        for (var i = Math.Max(0, count - LabelLag); i < count; i++) join.AddLabel(predictions[i].Event.Id, 1, end);
        clock.Stop();
        return (clock.Elapsed, join.Joined);
    }
}
