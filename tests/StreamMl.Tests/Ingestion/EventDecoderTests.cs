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

    [Fact]
    public void Derived_columns_and_slices_follow_the_spec_s_bounds_and_are_shared_by_events_in_the_same_buckets()
    {
        // elec2 cuts period at 0.25, 0.5, 0.75 and nswdemand at 0.35, 0.5; a missing nswdemand has no demand level.
        string[] dayParts = ["night", "morning", "afternoon", "evening"], levels = ["low", "medium", "high"];
        var firstOfKind = new Dictionary<string, ValidEvent>();
        var n = 0;
        foreach (var period in new[] { 0.0, 0.2499, 0.25, 0.4, 0.5, 0.74, 0.75, 1.0 })
            foreach (var demand in new double?[] { null, 0.0, 0.3499, 0.35, 0.49, 0.5, 1.0 })
            {
                var features = demand is { } d ? $$"""{"period":{{period}},"nswdemand":{{d}}}""" : $$"""{"period":{{period}}}""";
                var e = Decode($$"""{"id":"e-{{n++}}","features":{{features}}}""").Event!;

                var dayPart = dayParts[period < 0.25 ? 0 : period < 0.5 ? 1 : period < 0.75 ? 2 : 3];
                var level = demand is not { } v ? null : levels[v < 0.35 ? 0 : v < 0.5 ? 1 : 2];
                Assert.Equal(new[] { dayPart, level }, e.Derived);
                Assert.Equal(level is null ? ["*", $"dayPart={dayPart}"] : ["*", $"dayPart={dayPart}", $"demandLevel={level}"], e.Slices);
                // Events in the same buckets share their arrays; nothing writes to them.
                if (firstOfKind.TryAdd($"{dayPart}/{level}", e)) continue;
                Assert.Same(firstOfKind[$"{dayPart}/{level}"].Derived, e.Derived);
                Assert.Same(firstOfKind[$"{dayPart}/{level}"].Slices, e.Slices);
            }
        Assert.Equal(16, firstOfKind.Count);
    }

    [Fact]
    public void Slices_cut_by_a_categorical_column_are_built_per_event()
    {
        var decoder = new EventDecoder(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("agrawal.json"))));
        ValidEvent Agrawal(string id, int age, string elevel) => decoder.Decode(Encoding.UTF8.GetBytes(
            $$$"""{"id":"{{{id}}}","features":{"salary":50000,"commission":0,"age":{{{age}}},"hvalue":100000,"hyears":10,"loan":1000,"elevel":"{{{elevel}}}","car":"1","zipcode":"0"}}""")).Event!;

        var a = Agrawal("a", 30, "1");
        var b = Agrawal("b", 35, "2");
        var c = Agrawal("c", 65, "2");

        Assert.Equal(["*", "ageGroup=under40", "elevel=1"], a.Slices);
        Assert.Equal(["*", "ageGroup=under40", "elevel=2"], b.Slices);
        Assert.Equal(["*", "ageGroup=60plus", "elevel=2"], c.Slices);
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
    [InlineData("\"\\u0031\"", 1.0)]
    [InlineData("1.000000000000000000000000000000000000000000000000000000000000000000000", 1.0)]
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
