using System.Text;
using StreamMl.Core.Contracts;
using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

public sealed class EventDecoderTests
{
    private static readonly EventDecoder Decoder = new(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json"))));

    private static DecodeResult Decode(string json) => Decoder.Decode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_valid_event_is_laid_out_in_spec_order_with_its_slices()
    {
        var result = Decode("""{"id":"e-1","time":"2026-11-24T10:15:00Z","features":{"transfer":0.4,"period":0.3,"nswprice":0.05,"nswdemand":0.6},"label":1}""");

        var e = Assert.IsType<ValidEvent>(result.Event);
        Assert.Equal("e-1", e.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero), e.Time);
        Assert.Equal(0.3, e.Numeric[0]);
        Assert.Equal(0.05, e.Numeric[1]);
        Assert.True(double.IsNaN(e.Numeric[3]), "vicprice is missing");
        Assert.Equal(0.4, e.Numeric[5]);
        Assert.Equal(1.0, e.Label);
        // period 0.3 is 07:12 (morning); nswdemand 0.6 is above the 0.5 bound (high).
        Assert.Equal(["*", "dayPart=morning", "demandLevel=high"], e.Slices);
    }

    [Theory]
    [InlineData("""{"id":"e-1","features":{"period":0.5""", RejectionCodes.InvalidJson)]
    [InlineData("""[1,2]""", RejectionCodes.InvalidJson)]
    [InlineData("", RejectionCodes.InvalidJson)]
    [InlineData("""{"id":"e-1","features":{"period":0.5}} trailing""", RejectionCodes.InvalidJson)]
    [InlineData("""{"features":{"period":0.5}}""", RejectionCodes.MissingId)]
    [InlineData("""{"id":"","features":{"period":0.5}}""", RejectionCodes.InvalidId)]
    [InlineData("""{"id":7,"features":{"period":0.5}}""", RejectionCodes.InvalidId)]
    [InlineData("""{"id":"e-1","id":"e-2","features":{"period":0.5}}""", RejectionCodes.InvalidJson)]
    [InlineData("""{"id":"e-1","time":"yesterday","features":{"period":0.5}}""", RejectionCodes.InvalidTime)]
    [InlineData("""{"id":"e-1","features":{"period":0.5,"colour":"red"}}""", RejectionCodes.UnknownFeature)]
    [InlineData("""{"id":"e-1","features":{"period":"0.5"}}""", RejectionCodes.WrongType)]
    [InlineData("""{"id":"e-1","features":{"period":true}}""", RejectionCodes.WrongType)]
    [InlineData("""{"id":"e-1","features":{"period":NaN}}""", RejectionCodes.InvalidJson)]
    [InlineData("""{"id":"e-1","features":{"period":1e999}}""", RejectionCodes.NotFinite)]
    [InlineData("""{"id":"e-1","features":{"period":1.5}}""", RejectionCodes.OutOfRange)]
    [InlineData("""{"id":"e-1","features":{"period":0.5,"period":0.6}}""", RejectionCodes.InvalidJson)]
    [InlineData("""{"id":"e-1","features":{"nswprice":0.5}}""", RejectionCodes.MissingRequired)]
    [InlineData("""{"id":"e-1","features":{"period":null}}""", RejectionCodes.MissingRequired)]
    [InlineData("""{"id":"e-1","features":{"period":0.5},"label":"maybe"}""", RejectionCodes.InvalidLabel)]
    [InlineData("""{"id":"e-1","features":[0.5]}""", RejectionCodes.WrongType)]
    public void A_bad_record_is_rejected_with_its_reason(string json, string reason)
    {
        var result = Decode(json);

        Assert.Null(result.Event);
        Assert.Equal(reason, result.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Detail));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_before_parsing()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"id\":\"e-"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"features\":{\"period\":0.5}}")];

        Assert.Equal(RejectionCodes.InvalidUtf8, Decoder.Decode(bytes).Rejection!.Code);
    }

    [Fact]
    public void A_record_over_the_size_limit_is_rejected_unread()
    {
        var json = $$"""{"id":"e-1","features":{"period":0.5},"pad":"{{new string('x', 2 << 20)}}"}""";

        Assert.Equal(RejectionCodes.TooLarge, Decode(json).Rejection!.Code);
    }

    [Fact]
    public void An_id_of_129_characters_is_rejected_and_128_accepted()
    {
        Assert.Equal(RejectionCodes.InvalidId, Decode($$$"""{"id":"{{{new string('a', 129)}}}","features":{"period":0.5}}""").Rejection!.Code);
        Assert.True(Decode($$$"""{"id":"{{{new string('a', 128)}}}","features":{"period":0.5}}""").IsValid);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("0", 0.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("true", 1.0)]
    [InlineData("\"0\"", 0.0)]
    [InlineData("null", null)]
    public void Binary_labels_are_read_in_any_of_their_forms(string label, double? expected)
    {
        Assert.Equal(expected, Decode($$$"""{"id":"e-1","features":{"period":0.5},"label":{{{label}}}}""").Event!.Label);
    }

    [Fact]
    public void Unknown_top_level_fields_are_ignored()
    {
        Assert.True(Decode("""{"id":"e-1","source":{"app":"x","v":[1,2]},"features":{"period":0.5}}""").IsValid);
    }
}
