using System.Buffers.Binary;
using System.Text;
using StreamMl.Core.OnlineLearning;
using StreamMl.Core.Randomness;
using Xunit;

namespace StreamMl.Tests.OnlineLearning;

/// <summary>
/// The label log's record bytes: examples and resets read back exactly (missing values, NaN payloads, every flag),
/// the bytes follow the documented layout and are the same for the same record, and no garbage, truncated or empty
/// input makes the decoder throw: it says the record is unreadable.
/// </summary>
public sealed class LearningRecordCodecTests
{
    private static readonly LearningExample Example = new(
        "e-42", [0.25, double.NaN, -0.0, 1e300, double.Epsilon], ["red", null, "", "名前"], 1, [0, double.NaN, 1], 1_764_000_000_123, Late: true);

    private static void AssertSame(LearningExample expected, LearningRecord? actual)
    {
        var e = Assert.IsType<LearningExample>(actual);
        Assert.Equal(expected.Id, e.Id);
        Assert.Equal(Bits(expected.Numeric), Bits(e.Numeric));
        Assert.Equal(expected.Categorical, e.Categorical);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Label), BitConverter.DoubleToInt64Bits(e.Label));
        Assert.Equal(Bits(expected.RevealedLabels), Bits(e.RevealedLabels));
        Assert.Equal(expected.ArrivedAtMs, e.ArrivedAtMs);
        Assert.Equal(expected.Late, e.Late);
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static LearningRecord? Decode(byte[] bytes) => LearningRecordCodec.Decode(bytes, out _);

    [Fact]
    public void An_example_with_missing_values_reads_back_exactly()
    {
        AssertSame(Example, Decode(LearningRecordCodec.Encode(Example)));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    [InlineData(-273.15, false)]
    [InlineData(double.NaN, true)]
    public void A_label_a_class_or_a_number_and_the_late_flag_read_back(double label, bool late)
    {
        var example = Example with { Label = label, Late = late };

        AssertSame(example, Decode(LearningRecordCodec.Encode(example)));
    }

    [Fact]
    public void A_nan_keeps_its_payload_and_a_negative_zero_its_sign()
    {
        var payload = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_DEAD_BEEFUL));
        var example = Example with { Numeric = [payload, -0.0], RevealedLabels = [payload] };

        var read = Assert.IsType<LearningExample>(Decode(LearningRecordCodec.Encode(example)));

        Assert.Equal(unchecked((long)0xFFF8_0000_DEAD_BEEFUL), BitConverter.DoubleToInt64Bits(read.Numeric[0]));
        Assert.Equal(long.MinValue, BitConverter.DoubleToInt64Bits(read.Numeric[1]));
        Assert.Equal(unchecked((long)0xFFF8_0000_DEAD_BEEFUL), BitConverter.DoubleToInt64Bits(read.RevealedLabels[0]));
    }

    [Fact]
    public void An_example_without_features_or_revealed_labels_reads_back()
    {
        var empty = new LearningExample("", [], [], 0, [], 0, Late: false);

        AssertSame(empty, Decode(LearningRecordCodec.Encode(empty)));
    }

    [Fact]
    public void A_reset_reads_back()
    {
        var reset = new LearnerReset("v3", "drift alarm */error/Adwin@4000 — ünïcode", -5);

        Assert.Equal(reset, Decode(LearningRecordCodec.Encode(reset)));
    }

    [Fact]
    public void An_example_is_laid_out_as_documented()
    {
        var example = new LearningExample("é", [0.5], [null, "a"], 1, [double.NaN], 258, Late: true);
        var expected = new List<byte> { 1 };
        expected.AddRange(Int(2)); // "é" is two bytes of UTF-8
        expected.AddRange([0xC3, 0xA9]);
        expected.AddRange(Double(1));
        expected.AddRange([2, 1, 0, 0, 0, 0, 0, 0]); // 258 as a little-endian long
        expected.Add(1);
        expected.AddRange(Int(1));
        expected.AddRange(Double(0.5));
        expected.AddRange(Int(2));
        expected.Add(0);
        expected.Add(1);
        expected.AddRange(Int(1));
        expected.Add((byte)'a');
        expected.AddRange(Int(1));
        expected.AddRange(Double(double.NaN));

        Assert.Equal(expected, LearningRecordCodec.Encode(example));
    }

    [Fact]
    public void A_reset_is_laid_out_as_documented()
    {
        var expected = new List<byte> { 2 };
        expected.AddRange(Int(2));
        expected.AddRange("v1"u8.ToArray());
        expected.AddRange(Int(0));
        expected.AddRange(BitConverter.GetBytes(-1L)); // all ones whatever the byte order

        Assert.Equal(expected, LearningRecordCodec.Encode(new LearnerReset("v1", "", -1)));
    }

    [Fact]
    public void The_same_record_always_gives_the_same_bytes()
    {
        var copy = Example with
        {
            Id = new string("e-42".ToCharArray()), Numeric = (double[])Example.Numeric.Clone(), Categorical = (string?[])Example.Categorical.Clone(),
            RevealedLabels = (double[])Example.RevealedLabels.Clone(),
        };

        var first = LearningRecordCodec.Encode(Example);

        Assert.Equal(first, LearningRecordCodec.Encode(Example));
        Assert.Equal(first, LearningRecordCodec.Encode(copy));
        Assert.Equal(first, LearningRecordCodec.Encode(Decode(first)!));
        Assert.NotEqual(first, LearningRecordCodec.Encode(Example with { Late = false }));
    }

    [Fact]
    public void Empty_bytes_are_unreadable()
    {
        Assert.Null(LearningRecordCodec.Decode([], out var problem));
        Assert.Equal("the record is truncated", problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void An_unknown_kind_is_unreadable(byte kind)
    {
        var bytes = LearningRecordCodec.Encode(Example);
        bytes[0] = kind;

        Assert.Null(LearningRecordCodec.Decode(bytes, out var problem));
        Assert.Equal($"unknown record kind {kind}", problem);
    }

    [Fact]
    public void Every_truncation_of_a_record_is_unreadable()
    {
        foreach (var record in new LearningRecord[] { Example, new LearnerReset("v1", "drift", 7) })
        {
            var bytes = LearningRecordCodec.Encode(record);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Null(LearningRecordCodec.Decode(bytes.AsSpan(0, length), out var problem));
                Assert.False(string.IsNullOrEmpty(problem));
            }
        }
    }

    [Fact]
    public void A_byte_after_the_record_makes_it_unreadable()
    {
        var bytes = LearningRecordCodec.Encode(Example).Append((byte)0).ToArray();

        Assert.Null(LearningRecordCodec.Decode(bytes, out var problem));
        Assert.Equal("bytes follow the record", problem);
    }

    [Fact]
    public void A_string_that_is_not_utf8_is_unreadable()
    {
        var bytes = LearningRecordCodec.Encode(new LearnerReset("v1", "ab", 0));
        bytes[1 + 4 + 2 + 4] = 0xFF; // the reason's first byte

        Assert.Null(LearningRecordCodec.Decode(bytes, out var problem));
        Assert.Equal("a string is not valid UTF-8", problem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData((1 << 20) + 1)]
    public void A_count_out_of_range_is_unreadable(int count)
    {
        var bytes = LearningRecordCodec.Encode(Example);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), count); // the id's length

        Assert.Null(LearningRecordCodec.Decode(bytes, out var problem));
        Assert.Equal($"count {count} out of range", problem);
    }

    [Fact]
    public void Random_bytes_and_bit_flips_never_throw()
    {
        var random = new SeededRandom(11);
        var valid = LearningRecordCodec.Encode(Example);
        var garbageRead = 0;
        for (var i = 0; i < 20_000; i++)
        {
            byte[] bytes;
            var garbage = i % 2 == 0;
            if (garbage)
            {
                bytes = new byte[random.NextInt(64)];
                for (var j = 0; j < bytes.Length; j++) bytes[j] = (byte)random.NextInt(256);
                if (bytes.Length > 0 && i % 4 == 0) bytes[0] = (byte)(1 + random.NextInt(2)); // a known kind, the rest garbage
            }
            else
            {
                bytes = (byte[])valid.Clone();
                bytes[random.NextInt(bytes.Length)] ^= (byte)(1 << random.NextInt(8));
            }
            var record = LearningRecordCodec.Decode(bytes, out var problem);
            Assert.True(record is null == problem is not null, "a record comes without a problem, no record with one");
            if (garbage && record is not null) garbageRead++;
        }
        Assert.True(garbageRead < 100, $"{garbageRead} of 10,000 garbage inputs read as records");
    }

    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Double(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(value));
        return bytes;
    }
}
