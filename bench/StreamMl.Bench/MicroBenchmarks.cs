using System.Diagnostics;
using StreamMl.Cluster.Commands;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;
using StreamMl.Core.Slices;
using StreamMl.Actors.Slices;

namespace StreamMl.Bench;

/// <summary>Stopwatch loops over hot paths (decoding an event, scoring a batch, a slice recording a batch), with the bytes each allocates.</summary>
public static class MicroBenchmarks
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(3);

    public static int Decode(BenchOptions options)
    {
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var events = BenchEvents.Read(options.Csv, spec).Select(e => BenchEvents.ToMessage(e).Value!).ToArray();
        var decoder = new EventDecoder(spec);
        var invalid = 0;
        var (rate, allocated) = Loop(events.Length, i => { if (!decoder.Decode(events[i]).IsValid) invalid++; });
        Report("EventDecoder.Decode", rate, allocated, $"{events.Length} distinct elec events, {events.Average(e => e.Length):F0} bytes on average");
        return invalid == 0 ? 0 : 1;
    }

    public static int Score(BenchOptions options)
    {
        const int batchSize = 500;
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var work = Directory.CreateTempSubdirectory("streamml-bench-");
        try
        {
            var modelPath = Path.Combine(work.FullName, "v1.zip");
            var manifest = TrainCommand.Train(options.Spec, options.Csv, modelPath, options.TrainRows, "v1");
            var (artifact, _) = ModelArtifact.LoadFromFile(modelPath, spec);
            var scorer = new ModelScorer(artifact.Model);
            var decoder = new EventDecoder(spec);
            var events = BenchEvents.Read(options.Csv, spec).Select(e => decoder.Decode(BenchEvents.ToMessage(e).Value!).Event!).ToArray();
            var batches = events.Chunk(batchSize).Where(b => b.Length == batchSize).ToArray();
            var (rate, allocated) = Loop(batches.Length, i => scorer.Score(batches[i]));
            Report($"ModelScorer.Score (batches of {batchSize})", rate * batchSize, allocated / batchSize, $"{manifest.Trainer}, trained on {options.TrainRows} rows");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Recording a batch in a slice: the statistics update and the journal event's serialization.</summary>
    public static int Slices(BenchOptions options)
    {
        const int batchSize = 500;
        var spec = new CompiledSpec(SpecLoader.Load(options.Spec));
        var decoder = new EventDecoder(spec);
        var batches = BenchEvents.Read(options.Csv, spec)
            .Select(e => decoder.Decode(BenchEvents.ToMessage(e).Value!).Event!)
            .Select(e => new Observation(e.Numeric, e.Categorical, e.Label, 0.5, true))
            .Chunk(batchSize).Where(b => b.Length == batchSize)
            .Select(b => new ObservationBatch(b, DateTimeOffset.UnixEpoch)).ToArray();
        var state = SliceState.Empty(SliceKey.Global, spec);
        var (record, recordAllocated) = Loop(batches.Length, i => state.Record(batches[i], spec));
        Report($"SliceState.Record (batches of {batchSize})", record * batchSize, recordAllocated / batchSize, "elec events, every feature and derived column");

        using var system = Akka.Actor.ActorSystem.Create("bench");
        var serializer = new SliceProtocolSerializer((Akka.Actor.ExtendedActorSystem)system);
        var bytes = 0L;
        var (serialize, serializeAllocated) = Loop(batches.Length, i => bytes += serializer.ToBinary(new RecordObservations(SliceKey.Global, "bench", i + 1, batches[i])).Length);
        Report($"SliceProtocolSerializer.ToBinary(RecordObservations of {batchSize}), as sent to a slice on another node", serialize * batchSize, serializeAllocated / batchSize,
            $"{serializer.ToBinary(new RecordObservations(SliceKey.Global, "bench", 1, batches[0])).Length / (double)batchSize:F0} bytes per event");
        var snapshot = new SliceSnapshot(state);
        var (snapshots, snapshotAllocated) = Loop(1, _ => serializer.ToBinary(new SliceSnapshot(state.Clone())));
        Report("SliceState.Clone + SliceProtocolSerializer.ToBinary(SliceSnapshot)", snapshots, snapshotAllocated,
            $"{serializer.ToBinary(snapshot).Length:N0} bytes each", "snapshots/s", "snapshot");
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="body"/> over 0..count-1 repeatedly: a warm-up, then a timed stretch; returns calls per second
    /// and the bytes each call allocated on this thread.
    /// </summary>
    private static (double PerSecond, double BytesPerCall) Loop(int count, Action<int> body)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < Warmup; i = (i + 1) % count) body(i);
        GC.Collect();
        var calls = 0L;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        while (true)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
                if (++calls % 16 == 0 && clock.Elapsed >= Measure)
                    return (calls / clock.Elapsed.TotalSeconds, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls);
            }
        }
    }

    private static void Report(string name, double eventsPerSecond, double bytesAllocated, string detail, string unit = "events/s", string per = "event")
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} processors, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"{name}: {eventsPerSecond:N0} {unit}, {bytesAllocated:N0} bytes allocated per {per} ({detail}; {Warmup.TotalSeconds:F0} s warm-up, {Measure.TotalSeconds:F0} s measured)");
    }
}
