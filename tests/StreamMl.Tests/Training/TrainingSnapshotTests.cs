using StreamMl.Core.Ingestion;
using StreamMl.Core.Training;
using Xunit;

namespace StreamMl.Tests.Training;

public sealed class TrainingSnapshotTests
{
    // The same examples and hashes computed independently from the documented layout:
    //   python3 tests/StreamMl.Tests/Training/snapshot_reference.py
    //   535e545b7988cdda73f9cc5754382db4139168a4a2a99e0ee77aca15fe8c879c   (the three examples below)
    //   5f1c5a02392603c26e143b03d225b3898316f2a757fa21b4a367610b89b1fd40   (no examples)
    private const string PinnedSha256 = "535e545b7988cdda73f9cc5754382db4139168a4a2a99e0ee77aca15fe8c879c";
    private const string EmptySha256 = "5f1c5a02392603c26e143b03d225b3898316f2a757fa21b4a367610b89b1fd40";

    private static List<LabelledExample> Fixed() =>
    [
        new(1, new ValidEvent("e-1", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2)),
            [0.5, double.NaN, -0.0], ["mon", null], ["x"], 1.0, ["*", "day=mon"])),
        new(2, new ValidEvent("\u00fc-2", null,
            [1e-300, -2.25, double.PositiveInfinity], [null, ""], [null], 0.0, ["*"])),
        new(5, new ValidEvent("e-5", new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-330)).AddTicks(10),
            [], [], [], 2.5, [])),
    ];

    [Fact]
    public void The_hash_matches_an_independent_computation_of_the_documented_bytes()
    {
        var snapshot = TrainingSnapshot.Of(Fixed());

        Assert.Equal(new TrainingSnapshot(1, 5, 3, PinnedSha256), snapshot);
        Assert.Equal(new TrainingSnapshot(0, 0, 0, EmptySha256), TrainingSnapshot.Of([]));
    }

    [Fact]
    public void Equal_examples_built_again_give_the_same_snapshot_and_verify()
    {
        var snapshot = TrainingSnapshot.Of(Fixed());

        Assert.Equal(snapshot, TrainingSnapshot.Of(Fixed()));
        Assert.True(snapshot.Verify(Fixed()));
        Assert.True(TrainingSnapshot.Of([]).Verify([]));
    }

    [Fact]
    public void Every_NaN_encodes_alike_because_a_store_keeps_missing_not_the_NaN_payload()
    {
        var examples = Fixed();
        var otherNaN = BitConverter.UInt64BitsToDouble(0xFFF0_0000_0000_0001);
        Assert.True(double.IsNaN(otherNaN));
        examples[0] = Change(examples[0], e => e with { Numeric = [0.5, otherNaN, -0.0] });

        Assert.Equal(PinnedSha256, TrainingSnapshot.Of(examples).Sha256);
    }

    public static TheoryData<string> Changes() => [.. ChangesByName.Keys];

    private static readonly Dictionary<string, Func<List<LabelledExample>, List<LabelledExample>>> ChangesByName = new()
    {
        ["sequence"] = x => Replace(x, 2, x[2] with { Sequence = 6 }),
        ["id"] = x => Replace(x, 0, Change(x[0], e => e with { Id = "e-1 " })),
        ["time instant"] = x => Replace(x, 0, Change(x[0], e => e with { Time = e.Time!.Value.AddTicks(1) })),
        ["time offset only"] = x => Replace(x, 0, Change(x[0], e => e with { Time = e.Time!.Value.ToOffset(TimeSpan.Zero) })),
        ["time absent"] = x => Replace(x, 0, Change(x[0], e => e with { Time = null })),
        ["time present"] = x => Replace(x, 1, Change(x[1], e => e with { Time = DateTimeOffset.MinValue })),
        ["numeric value"] = x => Replace(x, 0, Change(x[0], e => e with { Numeric = [0.5000000000000001, double.NaN, -0.0] })),
        ["numeric -0 to +0"] = x => Replace(x, 0, Change(x[0], e => e with { Numeric = [0.5, double.NaN, 0.0] })),
        ["numeric NaN to 0"] = x => Replace(x, 0, Change(x[0], e => e with { Numeric = [0.5, 0.0, -0.0] })),
        ["numeric infinity sign"] = x => Replace(x, 1, Change(x[1], e => e with { Numeric = [1e-300, -2.25, double.NegativeInfinity] })),
        ["numeric count"] = x => Replace(x, 2, Change(x[2], e => e with { Numeric = [0.0] })),
        ["categorical value"] = x => Replace(x, 0, Change(x[0], e => e with { Categorical = ["Mon", null] })),
        ["categorical null to empty"] = x => Replace(x, 1, Change(x[1], e => e with { Categorical = ["", ""] })),
        ["categorical count"] = x => Replace(x, 2, Change(x[2], e => e with { Categorical = [null] })),
        ["derived value"] = x => Replace(x, 0, Change(x[0], e => e with { Derived = ["y"] })),
        ["derived null to value"] = x => Replace(x, 1, Change(x[1], e => e with { Derived = ["null"] })),
        ["a string moved from derived to categorical"] = x => Replace(x, 0, Change(x[0], e => e with { Categorical = ["mon", null, "x"], Derived = [] })),
        ["label"] = x => Replace(x, 1, Change(x[1], e => e with { Label = 1.0 })),
        ["label -0"] = x => Replace(x, 1, Change(x[1], e => e with { Label = -0.0 })),
        ["slice value"] = x => Replace(x, 0, Change(x[0], e => e with { Slices = ["*", "day=tue"] })),
        ["slice order"] = x => Replace(x, 0, Change(x[0], e => e with { Slices = ["day=mon", "*"] })),
        ["slice count"] = x => Replace(x, 2, Change(x[2], e => e with { Slices = ["*"] })),
        ["events swapped between sequences"] = x => [new(1, x[1].Event), new(2, x[0].Event), x[2]],
        ["an example left out"] = x => [x[0], x[2]],
        ["an example added"] = x => [.. x, new LabelledExample(6, x[0].Event)],
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_of_any_field_changes_the_hash(string change)
    {
        var original = TrainingSnapshot.Of(Fixed());
        var changed = ChangesByName[change](Fixed());

        Assert.NotEqual(original.Sha256, TrainingSnapshot.Of(changed).Sha256);
        Assert.False(original.Verify(changed));
    }

    [Fact]
    public void Examples_out_of_sequence_order_are_refused_and_do_not_verify()
    {
        var examples = Fixed();
        var snapshot = TrainingSnapshot.Of(examples);
        List<LabelledExample> reversed = [examples[2], examples[1], examples[0]];
        List<LabelledExample> repeated = [examples[0], examples[0] with { }, examples[2]];

        var e = Assert.Throws<ArgumentException>(() => TrainingSnapshot.Of(reversed));
        Assert.Contains("strictly ascending by sequence", e.Message);
        Assert.Throws<ArgumentException>(() => TrainingSnapshot.Of(repeated));
        Assert.False(snapshot.Verify(reversed));
    }

    [Fact]
    public void A_labelled_example_refuses_an_unlabelled_event()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabelledExample(1, new ValidEvent("u", null, [], [], [], null, ["*"])));
        Assert.Contains("'u' has no label", e.Message);
    }

    private static List<LabelledExample> Replace(List<LabelledExample> examples, int index, LabelledExample example)
    {
        examples[index] = example;
        return examples;
    }

    private static LabelledExample Change(LabelledExample example, Func<ValidEvent, ValidEvent> change) =>
        new(example.Sequence, change(example.Event));
}
