using BenchmarkDotNet.Attributes;
using StreamMl.Cluster.Commands;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Registry;
using StreamMl.Core.Routing;
using StreamMl.Core.Serving;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Bench.HotPaths;

/// <summary>
/// Routing one batch of unlabelled elec events whose labels come late, as the node does: FastTree scoring, the answers
/// (kept as their parts; the node writes each one's JSON from them), each slice's observations of its events and the
/// predictions that wait in 32 label-join buckets. <see cref="RouteAndWriteAnswers"/> also makes every answer's message as
/// the node hands it to the Kafka client (<see cref="AnswerProducer.Message"/>).
/// </summary>
[MemoryDiagnoser]
public class RouterBenchmarks
{
    private DirectoryInfo _directory = null!;
    private ServingSet _set = null!;
    private readonly ValidEvent[] _events = HotPathData.Events.Select(e => e with { Label = null }).ToArray();

    [GlobalSetup]
    public void TrainTheModel()
    {
        _directory = Directory.CreateTempSubdirectory("streamml-router-bench-");
        var model = Path.Combine(_directory.FullName, "v1.zip");
        TrainCommand.Train(BundledFiles.Spec("elec2"), BundledFiles.Dataset("elec"), model, rows: 5000, "v1");
        _set = new ServingSet(NodeHost.LoadModel(model, HotPathData.Spec), null, ServingModes.Full, 0, 1);
    }

    [GlobalCleanup]
    public void Clean() => _directory.Delete(recursive: true);

    private readonly AnswerProducer _answers = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = HotPathData.BatchSize)]
    public RoutedBatch Route() => BatchRouter.Route(_set, _events, DateTimeOffset.UnixEpoch, labelBuckets: 32, labelsComeLate: true);

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public long RouteAndWriteAnswers()
    {
        var answers = new PredictionAnswers(BatchRouter.Route(_set, _events, DateTimeOffset.UnixEpoch, labelBuckets: 32, labelsComeLate: true).Predictions);
        var bytes = 0L;
        for (var i = 0; i < answers.Count; i++)
        {
            var message = _answers.Message(answers, i);
            bytes += message.Key!.Length + message.Value!.Length;
        }
        return bytes;
    }
}
