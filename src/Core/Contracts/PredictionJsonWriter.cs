using System.Buffers;
using System.Text.Json;

namespace StreamMl.Core.Contracts;

/// <summary>
/// Writes prediction records as the same bytes as <c>JsonSerializer</c> with <see cref="ContractsJsonContext"/>
/// (camel case, nulls left out, NaN and infinities as named literals), through one reused writer (and buffer, for
/// <see cref="Serialize(PredictionRecord)"/>): the serializer cannot take its fast path with named floating-point
/// literals and allocates its write stack for every record. Slice keys given as an array are taken to be an event's,
/// which never changes: the text of an array that comes back is kept (<see cref="SharedArrayJson"/>). One instance per
/// thread at a time.
/// </summary>
public sealed class PredictionJsonWriter
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText ProbabilityName = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText PredictedLabelName = JsonEncodedText.Encode("predictedLabel");
    private static readonly JsonEncodedText SlicesName = JsonEncodedText.Encode("slices");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ModelUpdatesName = JsonEncodedText.Encode("modelUpdates");
    private static readonly JsonEncodedText LabelsBehindName = JsonEncodedText.Encode("labelsBehind");
    private static readonly JsonEncodedText MsBehindName = JsonEncodedText.Encode("msBehind");

    private readonly SharedArrayJson _sharedSlices = new();
    private ArrayBufferWriter<byte>? _buffer;
    private Utf8JsonWriter? _writer;

    /// <summary>The record's JSON, UTF-8.</summary>
    public byte[] Serialize(PredictionRecord prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return Serialize(prediction.Id, prediction.ModelVersion, prediction.Score, prediction.Probability, prediction.PredictedLabel,
            prediction.Slices, prediction.Time, prediction.ModelUpdates, prediction.LabelsBehind, prediction.MsBehind);
    }

    /// <summary>The JSON, UTF-8, of the prediction record these fields make (see <see cref="PredictionRecord"/>), without making it.</summary>
    public byte[] Serialize(string id, string modelVersion, double score, double? probability, bool? predictedLabel,
        IReadOnlyList<string>? slices, DateTimeOffset time, long? modelUpdates, long? labelsBehind, long? msBehind)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Write(buffer, id, modelVersion, score, probability, predictedLabel, slices, time, modelUpdates, labelsBehind, msBehind);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends to <paramref name="output"/> the JSON, UTF-8, of the prediction record these fields make, without making it.</summary>
    public void Write(IBufferWriter<byte> output, string id, string modelVersion, double score, double? probability, bool? predictedLabel,
        IReadOnlyList<string>? slices, DateTimeOffset time, long? modelUpdates, long? labelsBehind, long? msBehind)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_writer is null) _writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        else _writer.Reset(output);
        var w = _writer;
        w.WriteStartObject();
        w.WriteString(IdName, id);
        w.WriteString(ModelVersionName, modelVersion);
        w.WritePropertyName(ScoreName);
        NamedFloatingPoint.Write(w, score);
        if (probability is { } p)
        {
            w.WritePropertyName(ProbabilityName);
            NamedFloatingPoint.Write(w, p);
        }
        if (predictedLabel is { } predicted) w.WriteBoolean(PredictedLabelName, predicted);
        if (slices is string[] shared)
        {
            // An event's slice keys: an array shared by the events of a combination.
            w.WritePropertyName(SlicesName);
            _sharedSlices.Write(w, shared);
        }
        else if (slices is not null)
        {
            w.WriteStartArray(SlicesName);
            for (var i = 0; i < slices.Count; i++) w.WriteStringValue(slices[i]);
            w.WriteEndArray();
        }
        w.WriteString(TimeName, time);
        if (modelUpdates is { } updates) w.WriteNumber(ModelUpdatesName, updates);
        if (labelsBehind is { } behind) w.WriteNumber(LabelsBehindName, behind);
        if (msBehind is { } ms) w.WriteNumber(MsBehindName, ms);
        w.WriteEndObject();
        w.Flush();
    }
}
