using System.Text;
using System.Text.Json;
using CsCheck;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

/// <summary>
/// Properties of the decoders over generated input (CsCheck; a failure prints the seed that reproduces it):
/// whatever the bytes, decoding returns exactly one of a valid event and a rejection with a known reason, and
/// never throws; a valid event survives encoding and decoding unchanged.
/// </summary>
public sealed class DecoderPropertyTests
{
    private static readonly CompiledSpec Spec = new(SpecLoader.Load(RepoPaths.Spec("agrawal.json")));
    private static readonly EventDecoder Decoder = new(Spec);
    private static readonly HashSet<string> KnownReasons = typeof(RejectionCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Where(c => c != RejectionCodes.InternalError).ToHashSet();

    /// <summary>Pieces of JSON, of events and of trouble: concatenated at random they give records that are almost right.</summary>
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\"id\"", "\"time\"", "\"features\"", "\"label\"", "\"e-1\"", "\"\"",
        .. Spec.Spec.Features.Select(f => $"\"{f.Name}\""), "\"car\"", "\"zipcode\"", "\"1\"",
        "0", "1", "-1", "0.5", "1e308", "1e999", "-0", "NaN", "true", "false", "null", "12345678901234567890",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\\n\"", "\"\\\\\"", "\"\\x\"", "\"\\u12\"",
        "\"2026-11-24T10:15:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"yesterday\"",
        "\uFEFF", " ", "\t", "/*c*/", "é", "\u00ff",
    ];

    private static readonly Gen<byte[]> AlmostJson =
        Gen.Int[0, Pieces.Length - 1].Array[0, 40].Select(indices => Encoding.UTF8.GetBytes(string.Concat(indices.Select(i => Pieces[i]))));

    private static void AssertDecodesCleanly(byte[] bytes)
    {
        var result = Decoder.Decode(bytes);
        Assert.True(result.Event is null != (result.Rejection is null), "exactly one of an event and a rejection");
        if (result.Rejection is { } rejection)
        {
            Assert.Contains(rejection.Code, KnownReasons);
            Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
        }
        var label = Decoder.DecodeLabel(bytes);
        Assert.True(label.IsValid != (label.Rejection is not null), "exactly one of a label and a rejection");
        if (label.Rejection is { } labelRejection) Assert.Contains(labelRejection.Code, KnownReasons);
    }

    [Fact]
    public void Any_bytes_decode_to_an_event_or_a_known_rejection()
    {
        Gen.Byte.Array[0, 600].Sample(AssertDecodesCleanly, iter: 20_000);
    }

    [Fact]
    public void Records_made_of_json_pieces_decode_to_an_event_or_a_known_rejection()
    {
        AlmostJson.Sample(AssertDecodesCleanly, iter: 50_000);
    }

    [Fact]
    public void Valid_events_with_one_byte_changed_removed_or_cut_decode_cleanly()
    {
        var mutated = from e in ValidEvents
                      let bytes = EventProducer.Serialize(e)
                      from position in Gen.Int[0, bytes.Length - 1]
                      from value in Gen.Byte
                      from kind in Gen.Int[0, 2]
                      select kind switch
                      {
                          0 => bytes.Select((b, i) => i == position ? value : b).ToArray(),
                          1 => bytes.Where((_, i) => i != position).ToArray(),
                          _ => bytes[..position],
                      };
        mutated.Sample(AssertDecodesCleanly, iter: 20_000);
    }

    [Fact]
    public void A_valid_event_round_trips_through_its_json()
    {
        ValidEvents.Sample(e =>
        {
            var decoded = Decoder.Decode(EventProducer.Serialize(e)).Event;

            Assert.NotNull(decoded);
            Assert.Equal(e.Id, decoded.Id);
            Assert.Equal(e.Time, decoded.Time);
            for (var i = 0; i < Spec.NumericFeatures.Count; i++)
                Assert.Equal(e.Features[Spec.NumericFeatures[i].Name].Number, decoded.Numeric[i]);
            for (var i = 0; i < Spec.CategoricalFeatures.Count; i++)
                Assert.Equal(e.Features[Spec.CategoricalFeatures[i].Name].Text, decoded.Categorical[i]);
            Assert.Equal(e.Label?.Number, decoded.Label);
        }, iter: 5_000);
    }

    /// <summary>Events valid for the Agrawal spec: every feature within its range or among its values, ids of any text.</summary>
    private static readonly Gen<EventRecord> ValidEvents =
        from id in Gen.String[Gen.Char, 1, 40]
            .Where(s => !s.Any(char.IsSurrogate))
        from seconds in Gen.Long[0, 253_402_300_799L]
        from hasTime in Gen.Bool
        from values in Gen.Double[0, 1].Array[Spec.Spec.Features.Count]
        from label in Gen.Int[0, 2]
        select new EventRecord(
            id,
            hasTime ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            Spec.Spec.Features.Select((f, i) => (f.Name, Value: f.Kind == ColumnKind.Numeric
                    ? FeatureValue.Of(Math.Min(f.Max.GetValueOrDefault(1), f.Min.GetValueOrDefault() + values[i] * (f.Max.GetValueOrDefault(1) - f.Min.GetValueOrDefault())))
                    : FeatureValue.Of(f.Values![(int)(values[i] * (f.Values.Count - 1))])))
                .ToDictionary(p => p.Name, p => p.Value),
            label == 2 ? null : FeatureValue.Of(label));
}
