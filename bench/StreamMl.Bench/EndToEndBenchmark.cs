using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamMl.Cluster.Commands;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.DevBroker;
using StreamMl.Streams.Kafka;

namespace StreamMl.Bench;

/// <summary>
/// The same events through a bare consume→produce loop and through a StreamMl node, each on its own
/// identically configured dev broker: throughput over a loaded topic, measured warm (after uncounted warm-up passes
/// of both variants in the same process, repeated until the JIT's share of each variant's CPU is small; in each run,
/// after the variant has idled on an empty topic until the JIT settled, and once every event is loaded and a warm-up
/// share answered) with the process's CPU time, allocation and GC pauses per event over the same span; then latency at a steady rate. Unless turned off, each event's label
/// follows on the labels topic once a stated number of later events are answered (the last ones once all are), so
/// that StreamMl's label join, outcomes, quality windows, examples and error detectors run while it is measured (the
/// baseline reads the labels and stores their offsets); a measured span ends only when every label is read too.
/// </summary>
public sealed class EndToEndBenchmark(BenchOptions options)
{
    public const string EventsTopic = "streamml.events";
    public const string OutputTopic = "streamml.predictions";
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromMinutes(3);
    private const int SettledMethodsPerSecond = 20;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);
    /// <summary>A warm-up pass counts as warm when the JIT's time over a variant's span was at most this share of its CPU.</summary>
    private const double WarmJitShare = 0.02;
    private const int MaxWarmupRuns = 10;

    public async Task<int> Run()
    {
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var labelled = BenchEvents.Read(options.Csv, spec, includeLabels: true).ToArray();
        var rows = labelled.Select(r => r with { Label = null }).ToArray();
        // The same bytes for both variants: elec rows cycled, ids unique; the labels apart, for the labels topic.
        var ids = Enumerable.Range(0, options.WarmupEvents + options.Events).Select(i => i < options.WarmupEvents ? $"warm-{i}" : $"ev-{i}").ToArray();
        var events = ids.Select((id, i) => BenchEvents.ToMessage(rows[i % rows.Length] with { Id = id })).ToArray();
        var labels = options.LabelLag is null ? [] : ids.Select((id, i) => new LabelRecord(id, labelled[i % labelled.Length].Label!.Value)).ToArray();
        var work = Directory.CreateTempSubdirectory("streamml-bench-");
        try
        {
            var nodeSpec = options.Retraining == "spec" ? options.Spec : OperatorRetrainingOnly(options.Spec, work.FullName);
            var model = Path.Combine(work.FullName, "model", "v1.zip");
            var manifest = TrainCommand.Train(options.Spec, options.Csv, model, options.TrainRows, "v1");
            PrintSettings(rows.Length, events.Average(e => e.Value!.Length), manifest.Trainer);

            // Warm-up passes are run in full but not counted: the process's code the variants share (the Kafka client, Akka,
            // StreamMl) is then compiled at its final tier before the first measured run. Code a node reaches only now and
            // then (its checkpoints, snapshots, the cluster's replicated state) is called often enough for its last tier
            // only after several nodes, so the passes go on until one in which the JIT's time was a small share of each
            // variant's CPU.
            var pass = 0;
            while (options.WarmupRuns > 0)
            {
                pass++;
                var warm = true;
                foreach (var variant in Variants(pass))
                {
                    var result = await RunVariant(variant, events, labels, rows, nodeSpec, model, Path.Combine(work.FullName, $"warm-up-{pass}-{Name(variant)}"), measureLatency: false);
                    Console.Error.WriteLine($"warm-up pass {pass} (not counted) {Describe(result)}");
                    warm &= result.JitMicroseconds <= WarmJitShare * result.CpuMicroseconds;
                }
                if (pass >= options.WarmupRuns && (warm || pass >= MaxWarmupRuns)) break;
            }
            Console.WriteLine(pass == 0
                ? "warm-up: none (--warmup-runs 0)"
                : string.Create(CultureInfo.InvariantCulture,
                    $"warm-up: {pass} uncounted pass(es) of each variant, the last {(pass >= MaxWarmupRuns && pass > options.WarmupRuns ? "at the limit of" : "within")} {WarmJitShare:P0} of its CPU in the JIT (at least --warmup-runs {options.WarmupRuns}, at most {MaxWarmupRuns})"));

            var results = new List<VariantResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var variant in Variants(run))
                {
                    var result = await RunVariant(variant, events, labels, rows, nodeSpec, model, Path.Combine(work.FullName, $"run-{run}-{Name(variant)}"), measureLatency: true);
                    Console.Error.WriteLine($"run {run} {Describe(result)}");
                    results.Add(result);
                }
            }
            return PrintTable(results);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<VariantResult> RunVariant(Variant variant, Message<byte[]?, byte[]?>[] events, LabelRecord[] labels, EventRecord[] rows,
        string nodeSpec, string model, string dataDirectory, bool measureLatency)
    {
        using var broker = MockKafkaCluster.Start(new DevBrokerOptions { Topics = DevBrokerCommand.Topics(null) });
        await using IProcessor processor = variant == Variant.Baseline
            ? new BaselineProcessor(broker.BootstrapServers)
            : await NodeProcessor.Start(dataDirectory, nodeSpec, model, broker.BootstrapServers,
                metrics: variant == Variant.StreamMl && options.Metrics != "off");
        processor.Start();
        using var feeder = labels.Length == 0 ? null : new LateLabelFeeder(broker.BootstrapServers, labels, processor, options.LabelLag!.Value);
        feeder?.Start();
        // The variant waits on an empty topic until its start-up is compiled, then the events are loaded.
        WaitUntilJitSettled(variant);
        // What the runs before left (their nodes, brokers and topics) is collected now, not in this run's measured span.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var loading = Stopwatch.StartNew();
        Load(broker.BootstrapServers, events);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name(variant)}: {events.Length:N0} events loaded in {loading.Elapsed.TotalSeconds:F2} s, {processor.Completed:N0} answered meanwhile"));

        // Phase 1: throughput over the loaded topic, warm: from the moment the warm-up share is answered (and every event
        // loaded) to the last answer, with the process's CPU time, allocations and GC pauses over the same span.
        var deadline = Stopwatch.StartNew();
        var warmedUp = WaitUntilWarm(processor, options.WarmupEvents, deadline, variant);
        using var sampler = options.Allocations ? new AllocationSampler() : null;
        sampler?.Start();
        using var jitSampler = options.Jit ? new JitSampler() : null;
        jitSampler?.Start();
        var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var collections = ProcessCounters.Collections();
        var usage = ProcessCounters.Read();
        var (start, cpu, allocated, paused, labelsRead) = (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime,
            GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration(), processor.LabelsConsumed);
        WaitUntilCompleted(processor, events.Length, labels.Length, deadline, variant);
        var end = Stopwatch.GetTimestamp();
        var (cpuAfter, allocatedAfter, pausedAfter, labelsReadAfter) = (Process.GetCurrentProcess().TotalProcessorTime,
            GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration(), processor.LabelsConsumed);
        var residentMegabytes = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
        sampler?.Stop();
        jitSampler?.Stop();
        var (jittedAfter, jitTimeAfter) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var collected = ProcessCounters.Collections().Zip(collections, (after, before) => after - before).ToArray();
        var used = ProcessCounters.Read() - usage;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name(variant)}: the JIT compiled {jittedAfter - jitted} methods ({(jitTimeAfter - jitTime).TotalMilliseconds:F0} ms) during the measured span; " +
            $"GC collections of generation 0, 1, 2: {collected[0]}, {collected[1]}, {collected[2]} (each counts in its own generation only); " +
            $"per event: {used.KernelTime.TotalMicroseconds / (events.Length - warmedUp):F1} µs of CPU in the kernel, {(double)used.MinorFaults / (events.Length - warmedUp):F2} minor page faults, " +
            $"{(double)used.ContextSwitches / (events.Length - warmedUp):F2} context switches and {(double)(labelsReadAfter - labelsRead) / (events.Length - warmedUp):F2} labels read"));
        var ephemeral = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name(variant)}: the last young collection (generation {ephemeral.Generation}) promoted {ephemeral.PromotedBytes / 1048576.0:F1} MB and paused {ephemeral.PauseDurations[0].TotalMilliseconds:F1} ms; heap {ephemeral.HeapSizeBytes / 1048576.0:F0} MB after it"));
        if (jitSampler is not null) Console.Error.WriteLine($"{Name(variant)}: methods the JIT compiled over the measured span, by namespace\n  {string.Join("\n  ", jitSampler.Top(25))}");
        if (sampler is not null) Console.Error.WriteLine($"{Name(variant)}: allocations sampled by type over the measured span\n  {string.Join("\n  ", sampler.Top(30))}");
        var seconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        var measured = events.Length - warmedUp;
        var throughput = measured / seconds;
        var cpuMicroseconds = (cpuAfter - cpu).TotalMicroseconds / measured;
        var jitMicroseconds = (jitTimeAfter - jitTime).TotalMicroseconds / measured;
        var allocatedBytes = (double)(allocatedAfter - allocated) / measured;
        var pausePercent = 100 * (pausedAfter - paused).TotalSeconds / Stopwatch.GetElapsedTime(start).TotalSeconds;

        // Phase 2: latency at a steady rate, send time carried in the event's time field.
        var latencies = measureLatency ? MeasureLatency(broker.BootstrapServers, rows) : [];
        latencies.Sort();
        return new VariantResult(Name(variant), throughput,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN, latencies.Count,
            cpuMicroseconds, jitMicroseconds, allocatedBytes, pausePercent, labelsReadAfter - labelsRead, residentMegabytes);
    }

    private static string Describe(VariantResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Name}: {r.EventsPerSecond:F0} events/s, {r.CpuMicroseconds:F1} µs CPU (of which the JIT {r.JitMicroseconds:F1}) and {r.AllocatedBytes:F0} B allocated per event, GC pauses {r.GcPausePercent:F1} %, RSS {r.ResidentMegabytes:F0} MB, {r.LabelsConsumed} labels read while measured, p50 {r.P50:F1} ms, p99 {r.P99:F1} ms, max {r.Max:F1} ms ({r.LatencyRecords} latency records)");

    /// <summary>A copy of the spec whose only retraining trigger is an operator's request.</summary>
    private static string OperatorRetrainingOnly(string specPath, string directory)
    {
        var spec = JsonNode.Parse(File.ReadAllText(specPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var retraining = spec["retraining"] as JsonObject ?? new JsonObject();
        retraining["triggers"] = new JsonArray("operator");
        spec["retraining"] = retraining;
        var path = Path.Combine(directory, "spec-operator-retraining.json");
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }

    /// <summary>
    /// Waits until the JIT has settled (fewer than <see cref="SettledMethodsPerSecond"/> methods compiled in the last
    /// second, after at least a tenth of the warm-up share) or the warm-up share is answered; returns the events
    /// answered by then, where the measure begins.
    /// </summary>
    private static long WaitUntilWarm(IProcessor processor, long share, Stopwatch deadline, Variant variant)
    {
        var history = new Queue<(long At, long Methods)>();
        while (true)
        {
            var completed = processor.Completed;
            var (now, methods) = (Stopwatch.GetTimestamp(), System.Runtime.JitInfo.GetCompiledMethodCount());
            history.Enqueue((now, methods));
            while (Stopwatch.GetElapsedTime(history.Peek().At, now) > TimeSpan.FromSeconds(1)) history.Dequeue();
            var settled = Stopwatch.GetElapsedTime(history.Peek().At, now) > TimeSpan.FromSeconds(0.9) && methods - history.Peek().Methods < SettledMethodsPerSecond;
            if (completed >= share || (settled && completed >= share / 10))
            {
                Console.Error.WriteLine($"{Name(variant)}: measuring from event {completed:N0} ({(settled ? "the JIT settled" : "the warm-up share answered")}, {methods - history.Peek().Methods} methods compiled in the last second)");
                return completed;
            }
            if (deadline.Elapsed > PhaseTimeout) throw new TimeoutException($"{variant}: {completed} of {share} warm-up events answered after {PhaseTimeout}");
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// Idles until the JIT has compiled fewer than <see cref="SettledMethodsPerSecond"/> methods in the last second (at
    /// most <see cref="SettleTimeout"/>): the runtime promotes methods to their final tier in the background, a while
    /// after they were called often enough, so the code of the run before (a node's start-up, the other variant's loop)
    /// would otherwise be compiled in this run's measured span.
    /// </summary>
    private static void WaitUntilJitSettled(Variant variant)
    {
        var waited = Stopwatch.StartNew();
        var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var settled = false;
        while (!settled && waited.Elapsed < SettleTimeout)
        {
            Thread.Sleep(TimeSpan.FromSeconds(1));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            settled = now - methods < SettledMethodsPerSecond;
            methods = now;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name(variant)}: {(settled ? "the JIT settled" : "the JIT still compiling")} after {waited.Elapsed.TotalSeconds:F0} s idle on an empty topic"));
    }

    /// <summary>
    /// Waits until every event is answered and every label read: the span ends when both variants have done the same
    /// work. (A baseline that reads both topics with one consumer drains the preloaded events first and reads most
    /// labels after its last answer.)
    /// </summary>
    private static void WaitUntilCompleted(IProcessor processor, long events, long labels, Stopwatch deadline, Variant variant)
    {
        while (processor.Completed < events || processor.LabelsConsumed < labels)
        {
            if (deadline.Elapsed > PhaseTimeout)
                throw new TimeoutException($"{variant}: {processor.Completed} of {events} events answered and {processor.LabelsConsumed} of {labels} labels read after {PhaseTimeout}");
            Thread.Sleep(1);
        }
    }

    private static void Load(string bootstrap, Message<byte[]?, byte[]?>[] events)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrap, clientId: "bench-loader").CreateProducerConfig()).Build();
        var failed = 0;
        var topic = new TopicPartition(EventsTopic, Partition.Any);
        foreach (var message in events)
            BenchEvents.Produce(producer, topic, message, r => { if (r.Error.IsError) Interlocked.Increment(ref failed); });
        producer.Flush(TimeSpan.FromMinutes(1));
        if (failed > 0 || producer.Flush(TimeSpan.Zero) > 0) throw new InvalidOperationException($"loading failed: {failed} events not acknowledged");
    }

    private List<double> MeasureLatency(string bootstrap, EventRecord[] rows)
    {
        var expected = options.LatencyEvents;
        var latencies = new List<double>(expected);
        var readerConfig = new KafkaClientSettings(bootstrap, "bench-reader", "bench-reader").CreateConsumerConfig();
        readerConfig.EnableAutoCommit = false;
        // The dev broker answers an empty fetch only after fetch.wait.max.ms, even when records arrive
        // meanwhile; a short wait keeps the reader's own share of the measured latency small.
        readerConfig.FetchWaitMaxMs = 5;
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(readerConfig).Build();
        // Assign at the current end of every output partition: no group join, nothing from phase 1.
        using (var admin = new DependentAdminClientBuilder(reader.Handle).Build())
        {
            var partitions = admin.GetMetadata(OutputTopic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
            reader.Assign(partitions.Select(p =>
            {
                var tp = new TopicPartition(OutputTopic, p.PartitionId);
                return new TopicPartitionOffset(tp, reader.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High);
            }));
        }

        var sending = new Thread(() => SendAtRate(bootstrap, rows, expected)) { IsBackground = true, Name = "bench-sender" };
        sending.Start();
        var stopAt = DateTime.MaxValue;
        while (latencies.Count < expected && DateTime.UtcNow < stopAt)
        {
            if (!sending.IsAlive && stopAt == DateTime.MaxValue) stopAt = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            var record = reader.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF) continue;
            var received = DateTimeOffset.UtcNow;
            latencies.Add((received - SentTime(record.Message.Value!)).TotalMilliseconds);
        }
        sending.Join();
        reader.Close();
        if (latencies.Count < expected) Console.Error.WriteLine($"warning: only {latencies.Count} of {expected} latency records arrived");
        return latencies;
    }

    private void SendAtRate(string bootstrap, EventRecord[] rows, int count)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new KafkaClientSettings(bootstrap, clientId: "bench-sender").CreateProducerConfig()).Build();
        var topic = new TopicPartition(EventsTopic, Partition.Any);
        var interval = Stopwatch.Frequency / (double)options.Rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (wait >= 2) Thread.Sleep(1);
                else Thread.Yield();
            }
            var record = rows[i % rows.Length] with { Id = $"lat-{i}", Time = DateTimeOffset.UtcNow };
            BenchEvents.Produce(producer, topic, BenchEvents.ToMessage(record));
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>The top-level <c>time</c> of a JSON record: an event (baseline copy) or a prediction (StreamMl).</summary>
    private static DateTimeOffset SentTime(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTime = reader.ValueTextEquals("time"u8);
            reader.Read();
            if (isTime) return reader.GetDateTimeOffset();
            reader.Skip();
        }
        throw new InvalidDataException("an output record without a time field");
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private void PrintSettings(int distinctRows, double averageBytes, string trainer)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, librdkafka {Library.VersionString}");
        Console.WriteLine($"settings: {options.Events} events measured after {options.WarmupEvents} warm-up events ({distinctRows} distinct elec rows cycled, {averageBytes:F0} bytes on average), latency {options.LatencyEvents} events at {options.Rate}/s, {options.Runs} run(s) after the uncounted warm-up passes of each variant (no latency phase)");
        Console.WriteLine(options.LabelLag is { } lag
            ? $"labels: each event's label on the labels topic once {lag} later events are answered (streamml joins them; the baseline reads them and stores their offsets)"
            : "labels: none (--label-lag off)");
        Console.WriteLine($"per event: the CPU time of the whole process (the variant, its clients and its in-process dev broker) and its allocations, over the measured span; of it JIT: the time the JIT spent compiling over the span (tier-1 recompilation of code first reached after start, a cost of the first minutes of a process); RSS: the whole process at the end of the span; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {(System.Runtime.GCSettings.LatencyMode)}");
        Console.WriteLine($"broker: dev broker (librdkafka mock), 1 broker per variant, topics {string.Join(", ", DevBrokerCommand.DefaultTopics)}; clients from KafkaClientSettings (idempotent producer, linger 5 ms, lz4; manual offset store)");
        Console.WriteLine("latency: the reader polls with fetch.wait.max.ms=5; the processors keep librdkafka's 500 ms, and the dev broker holds an empty fetch that long even when records arrive, so each consuming hop adds up to 0.5 s here");
        Console.WriteLine($"streamml: one node, SQLite persistence, model {trainer} trained on the first {options.TrainRows} rows, spec {Path.GetFileName(options.Spec)}, metrics {options.Metrics}, " +
                          (options.Retraining == "spec" ? "retraining as the spec says" : "retraining on an operator's request only (--retraining spec keeps the spec's triggers)"));
    }

    private int PrintTable(List<VariantResult> results)
    {
        var medians = results.GroupBy(r => r.Name).Select(g => new VariantResult(g.Key,
            Median(g.Select(r => r.EventsPerSecond)), Median(g.Select(r => r.P50)), Median(g.Select(r => r.P99)), Median(g.Select(r => r.Max)),
            g.Min(r => r.LatencyRecords), Median(g.Select(r => r.CpuMicroseconds)), Median(g.Select(r => r.JitMicroseconds)), Median(g.Select(r => r.AllocatedBytes)),
            Median(g.Select(r => r.GcPausePercent)), g.Min(r => r.LabelsConsumed), Median(g.Select(r => r.ResidentMegabytes)))).ToDictionary(r => r.Name);
        Console.WriteLine();
        Console.WriteLine(options.Runs > 1 ? $"median of {options.Runs} interleaved runs" : "one run");
        Console.WriteLine($"{"variant",-10} {"events/s",10} {"µs CPU/ev",10} {"of it JIT",10} {"B alloc/ev",10} {"GC %",6} {"RSS MB",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var r in medians.Values)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-10} {r.EventsPerSecond,10:F0} {r.CpuMicroseconds,10:F1} {r.JitMicroseconds,10:F1} {r.AllocatedBytes,10:F0} {r.GcPausePercent,6:F1} {r.ResidentMegabytes,7:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Max,8:F1}"));
        if (medians.TryGetValue("no-metrics", out var bare))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput with metrics / without: {medians["streamml"].EventsPerSecond / bare.EventsPerSecond:F3} (p50 latency {medians["streamml"].P50:F1} vs {bare.P50:F1} ms)"));
        var ratio = medians["streamml"].EventsPerSecond / medians["baseline"].EventsPerSecond;
        var met = ratio >= 0.5;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput streamml/baseline: {ratio:F2} (goal >= 0.50: {(met ? "met" : "not met")})"));
        // Each run's variants ran one after the other in the same process, so a run's own ratio is the fairer pairing.
        var byRun = results.Where(r => r.Name == "baseline").Zip(results.Where(r => r.Name == "streamml"), (b, s) => s.CpuMicroseconds / b.CpuMicroseconds).ToArray();
        var cpuRatio = medians["streamml"].CpuMicroseconds / medians["baseline"].CpuMicroseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per event streamml/baseline: {cpuRatio:F2} of the medians, {Median(byRun):F2} the median of the runs' own ({string.Join(", ", byRun.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}); goal <= 2"));
        return results.All(r => r.LatencyRecords == options.LatencyEvents) ? 0 : 1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// The variants of a run, interleaved. With --metrics both a node without metrics runs too, after the one with them
    /// in odd runs and before it in even ones, so that neither always gets the warmer process.
    /// </summary>
    private Variant[] Variants(int run) => options.Metrics != "both"
        ? [Variant.Baseline, Variant.StreamMl]
        : run % 2 == 1
            ? [Variant.Baseline, Variant.StreamMl, Variant.StreamMlWithoutMetrics]
            : [Variant.Baseline, Variant.StreamMlWithoutMetrics, Variant.StreamMl];

    /// <summary>"streamml" is the node as configured (--metrics on or off); "no-metrics" the extra node of --metrics both.</summary>
    private static string Name(Variant variant) => variant switch
    {
        Variant.Baseline => "baseline",
        Variant.StreamMl => "streamml",
        _ => "no-metrics",
    };

    private enum Variant { Baseline, StreamMl, StreamMlWithoutMetrics }

    private sealed record VariantResult(string Name, double EventsPerSecond, double P50, double P99, double Max, int LatencyRecords,
        double CpuMicroseconds, double JitMicroseconds, double AllocatedBytes, double GcPausePercent, long LabelsConsumed, double ResidentMegabytes);
}
