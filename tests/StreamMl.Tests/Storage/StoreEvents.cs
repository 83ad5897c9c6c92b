using StreamMl.Core.Ingestion;
using Xunit;

namespace StreamMl.Tests.Storage;

/// <summary>Labelled events for the store tests, and a field-by-field comparison.</summary>
public static class StoreEvents
{
    /// <summary>Events that exercise every corner of the payload: NaN, -0, infinities, extremes, nulls, offsets, Unicode.</summary>
    public static List<ValidEvent> Awkward() =>
    [
        new("a-1", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
            [0.5, double.NaN, -0.0, double.PositiveInfinity, double.NegativeInfinity],
            ["mon", null, ""], ["x", null], 1.0, ["*", "day=mon"]),
        new("a-2 \u00fc\u4e2d\"quote\\", null,
            [double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 0.1 + 0.2],
            [null, "\u00e9t\u00e9", "tab\there"], [], 0.0, ["*"]),
        new("a-3", DateTimeOffset.MinValue, [], [], [], -0.0, []),
        new("a-4", new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-330)), [42], ["\n"], ["{}"], 2.5, ["*", "a", "b"]),
    ];

    /// <summary><paramref name="count"/> ordinary labelled events with ids <c>{prefix}{i}</c>.</summary>
    public static List<ValidEvent> Many(int count, string prefix = "e-")
    {
        var events = new List<ValidEvent>(count);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
            events.Add(new ValidEvent(
                $"{prefix}{i}",
                start.AddSeconds(i),
                [i * 0.25, i % 7 == 0 ? double.NaN : Math.Sin(i), i / 3.0, -i, 1.0 / (i + 1)],
                [i % 2 == 0 ? "even" : "odd", i % 5 == 0 ? null : $"c{i % 5}"],
                [$"bucket{i % 4}"],
                i % 3 == 0 ? 1 : 0,
                i % 2 == 0 ? ["*", "parity=even"] : ["*", "parity=odd"]));
        return events;
    }

    public static ValidEvent Unlabelled(string id) => new(id, null, [1], [], [], null, ["*"]);

    /// <summary>Asserts the events are equal in every field: doubles by their bits (any NaN matches any NaN), times with their offsets.</summary>
    public static void AssertSame(ValidEvent expected, ValidEvent actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Time.HasValue, actual.Time.HasValue);
        if (expected.Time is { } time) Assert.True(time.EqualsExact(actual.Time!.Value), $"{expected.Id}: time {time:O} came back as {actual.Time:O}");
        Assert.Equal(expected.Numeric.Length, actual.Numeric.Length);
        for (var i = 0; i < expected.Numeric.Length; i++)
            Assert.True(SameDouble(expected.Numeric[i], actual.Numeric[i]), $"{expected.Id}: numeric[{i}] {expected.Numeric[i]:R} came back as {actual.Numeric[i]:R}");
        Assert.Equal(expected.Categorical, actual.Categorical);
        Assert.Equal(expected.Derived, actual.Derived);
        Assert.Equal(expected.Label.HasValue, actual.Label.HasValue);
        if (expected.Label is { } label) Assert.True(SameDouble(label, actual.Label!.Value), $"{expected.Id}: label {label:R} came back as {actual.Label:R}");
        Assert.Equal(expected.Slices, actual.Slices);
    }

    private static bool SameDouble(double a, double b) =>
        double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
