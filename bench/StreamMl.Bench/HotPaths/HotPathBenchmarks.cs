using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Slices;

namespace StreamMl.Bench.HotPaths;

/// <summary>Writing a batch of predictions: the reused writer the node uses, against the serializer it replaced.</summary>
[MemoryDiagnoser]
public class PredictionJsonBenchmarks
{
    private readonly PredictionRecord[] _predictions = HotPathData.Predictions;

    [Benchmark(Baseline = true, OperationsPerInvoke = HotPathData.BatchSize)]
    public long Serializer()
    {
        var bytes = 0L;
        foreach (var p in _predictions) bytes += JsonSerializer.SerializeToUtf8Bytes(p, ContractsJsonContext.Default.PredictionRecord).Length;
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public long ReusedWriter()
    {
        var writer = new PredictionJsonWriter();
        var bytes = 0L;
        foreach (var p in _predictions) bytes += writer.Serialize(p).Length;
        return bytes;
    }
}

/// <summary>Decoding one event record (id, six features, label; two derived columns, three slice keys).</summary>
[MemoryDiagnoser]
public class EventDecoderBenchmarks
{
    private readonly EventDecoder _decoder = new(HotPathData.Spec);
    private readonly byte[][] _events = HotPathData.EventJson;

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public int Decode()
    {
        var valid = 0;
        foreach (var json in _events) if (_decoder.Decode(json).IsValid) valid++;
        return valid;
    }
}

/// <summary>
/// A slice recording batches in its steady state: lifetime and window statistics, label balance, quality and the error
/// detector per event, and a window closed (and tested for drift) every 2,000 events.
/// </summary>
[MemoryDiagnoser]
public class SliceRecordBenchmarks
{
    private readonly ObservationBatch _batch = HotPathData.Observations();
    private readonly SliceState _state = SliceState.Empty(SliceKey.Global, HotPathData.Spec);

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public int Record() => _state.Record(_batch, HotPathData.Spec).Count;
}

/// <summary>
/// A label-join bucket in its steady state: each event's prediction waits, its label arrives 200 events later and
/// joins, and the bucket remembers its latest 100,000 joins (its default capacity) to recognise duplicates.
/// </summary>
[MemoryDiagnoser]
public class LabelJoinBenchmarks
{
    private const int LabelLag = 200;
    private readonly Core.Labels.LabelJoin _join = new(TimeSpan.FromHours(1), capacity: 100_000);
    private readonly Core.Labels.PendingPrediction[] _predictions = HotPathData.Events
        .Select(e => new Core.Labels.PendingPrediction(e, [new Core.Labels.ScoredBy("v1", 0.5, true, false)])).ToArray();
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;
    private long _sequence;

    [GlobalSetup]
    public void FillTheJoinedIds()
    {
        while (_sequence < 150_000) JoinOne();
    }

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public long PredictionThenLabel()
    {
        for (var i = 0; i < HotPathData.BatchSize; i++) JoinOne();
        return _join.Joined;
    }

    /// <summary>One prediction in; the label of the one <see cref="LabelLag"/> events earlier joins.</summary>
    private void JoinOne()
    {
        _now = _now.AddMilliseconds(1);
        var sequence = _sequence++;
        var template = _predictions[sequence % _predictions.Length];
        _join.AddPrediction(template with { Event = template.Event with { Id = Id(sequence) } }, _now);
        if (sequence >= LabelLag) _join.AddLabel(Id(sequence - LabelLag), 1, _now);
    }

    private static string Id(long sequence) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"e-{sequence}");
}

/// <summary>
/// Appending labelled events to the SQLite example store (a file in WAL mode, as on a node), one transaction per
/// batch as the example writer makes them: the payload JSON, binding and inserting.
/// </summary>
[MemoryDiagnoser]
public class ExampleAppendBenchmarks
{
    private DirectoryInfo _directory = null!;
    private Core.Training.IExampleStore _store = null!;

    [GlobalSetup]
    public void CreateTheStore()
    {
        _directory = Directory.CreateTempSubdirectory("streamml-bench-append-");
        var connectionString = $"Data Source={Path.Combine(_directory.FullName, "streamml.db")}";
        Storage.SqliteDatabase.UseWriteAheadLog(connectionString);
        _store = Storage.SqlStores.Create("sqlite", connectionString).Examples;
    }

    [Benchmark(OperationsPerInvoke = HotPathData.BatchSize)]
    public void Append() => _store.AppendAsync(HotPathData.Examples, CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void RemoveTheStore()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
