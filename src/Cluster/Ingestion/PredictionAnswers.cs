using System.Buffers;
using System.Text;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Routing;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Ingestion;

/// <summary>
/// A batch's predictions as the records that answer it: each keyed by its event's id (UTF-8), its JSON the value
/// (<see cref="BatchPredictions.WriteJson"/>), time-stamped with the event's time when Kafka can hold it (from 1970 on).
/// Written from the routed batch's parts, one record at a time, on one thread at a time.
/// </summary>
public sealed class PredictionAnswers(BatchPredictions predictions) : IBatchAnswers
{
    private readonly PredictionJsonWriter _json = new();

    public int Count => predictions.Count;

    public Timestamp Write(int index, IBufferWriter<byte> key, IBufferWriter<byte> value)
    {
        var id = predictions.Id(index);
        key.Advance(Encoding.UTF8.GetBytes(id, key.GetSpan(Encoding.UTF8.GetMaxByteCount(id.Length))));
        predictions.WriteJson(index, _json, value);
        var time = predictions.Time(index);
        return time >= DateTimeOffset.UnixEpoch ? new Timestamp(time) : Timestamp.Default;
    }
}
