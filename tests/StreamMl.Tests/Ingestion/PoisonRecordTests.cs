using System.Text;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

/// <summary>
/// Records that once made the decoder throw, and with it the whole ingestion: each is now rejected with a
/// reason, and a record a producer wraps in a byte order mark or dates before 1970 is an ordinary event.
/// </summary>
public sealed class PoisonRecordTests
{
    // STAGGER has a categorical feature, so a poisoned category value can be tried too.
    private static readonly EventDecoder Decoder = new(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("stagger.json"))));

    private static DecodeResult Decode(string json) => Decoder.Decode(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"id":"\ud800","features":{"size":"small"}}""")]
    [InlineData("""{"id":"e-1","features":{"size":"small"},"label":"\ud800"}""")]
    [InlineData("""{"id":"e-1","features":{"\ud800":"small"}}""")]
    [InlineData("""{"\ud800":1,"id":"e-1","features":{"size":"small"}}""")]
    [InlineData("""{"id":"e-1","features":{"size":"sm\udbffall"}}""")]
    public void A_lone_surrogate_escape_anywhere_is_rejected_as_invalid_json(string json)
    {
        var result = Decode(json);

        Assert.Null(result.Event);
        Assert.Equal(RejectionCodes.InvalidJson, result.Rejection!.Code);
        Assert.Contains("surrogate", result.Rejection.Detail);
    }

    [Theory]
    [InlineData("""{"id":"\ud800","label":1}""")]
    [InlineData("""{"id":"e-1","label":"\udc00"}""")]
    [InlineData("""{"\udc00":2,"id":"e-1","label":1}""")]
    public void A_lone_surrogate_escape_in_a_label_record_is_rejected_as_invalid_json(string json)
    {
        var result = Decoder.DecodeLabel(Encoding.UTF8.GetBytes(json));

        Assert.False(result.IsValid);
        Assert.Equal(RejectionCodes.InvalidJson, result.Rejection!.Code);
    }

    [Fact]
    public void A_lone_surrogate_escape_as_the_time_is_not_a_timestamp()
    {
        Assert.Equal(RejectionCodes.InvalidTime, Decode("""{"id":"e-1","time":"\udc00","features":{"size":"small"}}""").Rejection!.Code);
    }

    [Fact]
    public void A_top_level_field_the_decoder_ignores_is_not_read_even_when_it_holds_a_lone_surrogate()
    {
        Assert.True(Decode("""{"id":"e-1","features":{"size":"small"},"note":"\ud800\ud800"}""").IsValid);
    }

    [Fact]
    public void A_surrogate_pair_is_text_and_accepted()
    {
        var e = Decode("""{"id":"e-\ud83d\ude00","features":{"size":"small"}}""").Event;

        Assert.Equal("e-😀", e!.Id);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_an_event_or_a_label_is_skipped()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];

        var e = Decoder.Decode([.. bom, .. Encoding.UTF8.GetBytes("""{"id":"e-1","features":{"size":"small"}}""")]);
        var label = Decoder.DecodeLabel([.. bom, .. Encoding.UTF8.GetBytes("""{"id":"e-1","label":1}""")]);

        Assert.Equal("e-1", e.Event!.Id);
        Assert.Equal(("e-1", 1.0), (label.Id, label.Label));
    }

    [Fact]
    public void An_event_dated_year_one_keeps_its_time()
    {
        var e = Decode("""{"id":"e-1","time":"0001-01-01T00:00:00Z","features":{"size":"small"}}""").Event;

        Assert.Equal(DateTimeOffset.MinValue, e!.Time);
    }
}
