using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace StreamMl.Actors.Slices;

/// <summary>Source-generated JSON for the slice protocol. NaN is legal (a missing numeric feature).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RecordObservations))]
[JsonSerializable(typeof(RecordOutcomes))]
[JsonSerializable(typeof(GetSliceStatistics))]
[JsonSerializable(typeof(SliceStatisticsReply))]
[JsonSerializable(typeof(WakeSlice))]
[JsonSerializable(typeof(SliceAwake))]
[JsonSerializable(typeof(TakeSnapshot))]
[JsonSerializable(typeof(SkipBatches))]
[JsonSerializable(typeof(SnapshotTaken))]
[JsonSerializable(typeof(StopSlice))]
[JsonSerializable(typeof(SliceOpened))]
[JsonSerializable(typeof(SliceDriftSignalled))]
[JsonSerializable(typeof(SliceDriftRecorded))]
[JsonSerializable(typeof(SliceSnapshot))]
[JsonSerializable(typeof(SliceUnavailable))]
[JsonSerializable(typeof(SliceFenced))]
internal sealed partial class SliceProtocolJsonContext : JsonSerializerContext;

/// <summary>Serializes the slice protocol (messages, journal events, snapshots) with short manifests.</summary>
public sealed class SliceProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4101;

    private static readonly Dictionary<Type, (string Manifest, JsonTypeInfo Info)> ByType = new()
    {
        [typeof(RecordObservations)] = ("RO", SliceProtocolJsonContext.Default.RecordObservations),
        [typeof(RecordOutcomes)] = ("RC", SliceProtocolJsonContext.Default.RecordOutcomes),
        [typeof(GetSliceStatistics)] = ("GS", SliceProtocolJsonContext.Default.GetSliceStatistics),
        [typeof(SliceStatisticsReply)] = ("SR", SliceProtocolJsonContext.Default.SliceStatisticsReply),
        [typeof(WakeSlice)] = ("WK", SliceProtocolJsonContext.Default.WakeSlice),
        [typeof(SliceAwake)] = ("WA", SliceProtocolJsonContext.Default.SliceAwake),
        [typeof(TakeSnapshot)] = ("TS", SliceProtocolJsonContext.Default.TakeSnapshot),
        [typeof(SkipBatches)] = ("SB", SliceProtocolJsonContext.Default.SkipBatches),
        [typeof(SnapshotTaken)] = ("ST", SliceProtocolJsonContext.Default.SnapshotTaken),
        [typeof(StopSlice)] = ("SP", SliceProtocolJsonContext.Default.StopSlice),
        [typeof(SliceOpened)] = ("SO", SliceProtocolJsonContext.Default.SliceOpened),
        [typeof(SliceDriftSignalled)] = ("DS", SliceProtocolJsonContext.Default.SliceDriftSignalled),
        [typeof(SliceDriftRecorded)] = ("DR", SliceProtocolJsonContext.Default.SliceDriftRecorded),
        [typeof(SliceSnapshot)] = ("SS", SliceProtocolJsonContext.Default.SliceSnapshot),
        [typeof(SliceUnavailable)] = ("SU", SliceProtocolJsonContext.Default.SliceUnavailable),
        [typeof(SliceFenced)] = ("SF", SliceProtocolJsonContext.Default.SliceFenced),
    };

    private static readonly Dictionary<string, JsonTypeInfo> ByManifest =
        ByType.Values.ToDictionary(v => v.Manifest, v => v.Info);

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        ByType.TryGetValue(o.GetType(), out var entry)
            ? entry.Manifest
            : throw new ArgumentException($"{o.GetType()} is not part of the slice protocol");

    public override byte[] ToBinary(object obj) =>
        JsonSerializer.SerializeToUtf8Bytes(obj, ByType[obj.GetType()].Info);

    public override object FromBinary(byte[] bytes, string manifest) =>
        ByManifest.TryGetValue(manifest, out var info)
            ? JsonSerializer.Deserialize(bytes, info)!
            : throw new System.Runtime.Serialization.SerializationException($"unknown slice protocol manifest '{manifest}'");
}
