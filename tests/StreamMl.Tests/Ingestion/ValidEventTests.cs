using System.Text.Json;
using StreamMl.Core.Ingestion;
using Xunit;

namespace StreamMl.Tests.Ingestion;

public sealed class ValidEventTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 30, 15, 250, TimeSpan.FromMinutes(-210));

    [Fact]
    public void Time_and_label_read_back_as_given_present_or_absent()
    {
        var e = new ValidEvent("e-1", Noon, [0.5], ["a"], [null], 0.0, ["*"]);
        Assert.Equal(Noon, e.Time);
        Assert.Equal(Noon.Offset, e.Time!.Value.Offset);
        Assert.Equal(Noon.Ticks, e.Time.Value.Ticks);
        Assert.Equal(0.0, e.Label);

        var bare = new ValidEvent("e-2", null, [], [], [], null, ["*"]);
        Assert.Null(bare.Time);
        Assert.Null(bare.Label);
        Assert.Equal(double.NaN, new ValidEvent("e-3", null, [], [], [], double.NaN, ["*"]).Label);
    }

    [Fact]
    public void With_replaces_only_what_it_names_and_equality_reads_every_field()
    {
        var e = new ValidEvent("e-1", Noon, [0.5], ["a"], [null], null, ["*"]);

        var labelled = e with { Label = 1 };
        Assert.Equal((1.0, Noon, "e-1"), (labelled.Label!.Value, labelled.Time!.Value, labelled.Id));
        Assert.Null((labelled with { Label = null }).Label);
        Assert.Null((e with { Time = null }).Time);
        Assert.Equal(e, labelled with { Label = null });
        Assert.NotEqual(e, labelled);
        Assert.NotEqual(e, e with { Time = Noon.AddTicks(1) });
    }

    [Fact]
    public void Json_carries_the_time_with_its_offset_and_the_label()
    {
        var e = new ValidEvent("e-1", Noon, [0.5, double.NaN], ["a", null], ["x"], 1, ["*", "region=eu"]);
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

        var json = JsonSerializer.Serialize(e, options);
        var back = JsonSerializer.Deserialize<ValidEvent>(json, options)!;

        Assert.Contains("\"Time\":\"2026-11-24T12:30:15.25-03:30\"", json);
        Assert.Equal((e.Id, e.Time, e.Time!.Value.Offset, e.Label), (back.Id, back.Time, back.Time!.Value.Offset, back.Label));
        Assert.Equal(e.Numeric, back.Numeric);
        Assert.Equal(e.Slices, back.Slices);
        Assert.DoesNotContain("_", json);
    }
}
