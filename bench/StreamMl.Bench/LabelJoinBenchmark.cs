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
        Buckets(start);
        var (held, remembered) = HeldByRememberedJoins(start);
        Console.WriteLine($"LabelJoin memory: {held / 1048576.0:F1} MB of managed heap held by a bucket remembering {remembered:N0} joins " +
            $"({(double)held / remembered:F0} bytes each; nothing else holds their ids)");
        return 0;
    }

    /// <summary>
    /// A node's label join: 32 buckets remembering up to 100,000 joins each (the node's defaults), fed as the bucket
    /// entities are: batches of 500 predictions, and of 500 labels 200 events behind, split by bucket, one message per
    /// bucket. Runs with the remembered joins each message will read prefetched first (as the entities do) and without,
    /// in turn, and prints the time per event (its prediction and its label) once the buckets hold 3.2 million joins, about
    /// their capacity.
    /// </summary>
    private static void Buckets(DateTimeOffset start)
    {
        const int buckets = 32, capacity = 100_000, batch = 500, lag = 200;
        // 3.2 million joins first (about 100,000 a bucket, their capacity), then 3 million measured.
        const int filled = buckets * capacity, measured = 3_000_000;
        var ids = new string[filled + measured];
        for (var i = 0; i < ids.Length; i++) ids[i] = $"elec-{i}";
        var first = new ScoredBy("v1", 0.8, true, Shadow: false);
        var results = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
        for (var run = 0; run < Runs; run++)
        {
            foreach (var prefetch in new[] { false, true })
            {
                GC.Collect();
                var joins = Enumerable.Range(0, buckets).Select(_ => new LabelJoin(TimeSpan.FromHours(1), capacity)).ToArray();
                var predictions = Enumerable.Range(0, buckets).Select(_ => new List<PendingPrediction>(batch)).ToArray();
                var labels = Enumerable.Range(0, buckets).Select(_ => new List<string>(batch)).ToArray();
                var clock = new Stopwatch();
                long joined = 0;
                for (var from = 0; from < ids.Length; from += batch)
                {
                    if (from == filled) clock.Start();
                    var now = start.AddTicks(from * TimeSpan.TicksPerMillisecond / 100);
                    foreach (var list in predictions) list.Clear();
                    foreach (var list in labels) list.Clear();
                    for (var i = from; i < from + batch; i++)
                    {
                        predictions[LabelBuckets.IndexOf(ids[i], buckets)].Add(new PendingPrediction(new ValidEvent(ids[i], null, [0.5], [], ["a"], null, ["*"]), first, null, null));
                        if (i >= lag) labels[LabelBuckets.IndexOf(ids[i - lag], buckets)].Add(ids[i - lag]);
                    }
                    for (var b = 0; b < buckets; b++)
                    {
                        var (join, issued) = (joins[b], predictions[b]);
                        if (prefetch) foreach (var p in issued) join.Prefetch(p.Event.Id);
                        foreach (var p in issued) if (join.AddPrediction(p, now) is not null) joined++;
                    }
                    for (var b = 0; b < buckets; b++)
                    {
                        var (join, arrived) = (joins[b], labels[b]);
                        if (prefetch)
                        {
                            foreach (var id in arrived) join.Prefetch(id);
                            join.PrefetchForgotten(arrived.Count);
                        }
                        foreach (var id in arrived) if (join.AddLabel(id, 1, now) is not null) joined++;
                    }
                }
                clock.Stop();
                if (joined != ids.Length - lag) throw new InvalidOperationException($"{joined:N0} of {ids.Length - lag:N0} predictions joined");
                results[prefetch].Add(clock.Elapsed.TotalNanoseconds / measured);
            }
            Console.WriteLine($"run {run + 1}, {buckets} buckets filled: {results[false][^1]:F0} ns per event, " +
                $"{results[true][^1]:F0} with each message's remembered joins prefetched");
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine($"LabelJoin in {buckets} buckets of capacity {capacity:N0} filled with {filled:N0} joins, per event (making its prediction, adding it and its label " +
            $"{lag} events later), median of {Runs}: {Median(results[false]):F0} ns; with prefetching {Median(results[true]):F0} ns");
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
