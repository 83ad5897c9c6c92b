using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Protocols;

/// <summary>
/// The short-decimal formatting gives the runtime's own shortest round-trip text for every value it takes, and takes
/// the short decimals feature values are made of; the JSON written through it is the general writer's, value for value.
/// </summary>
public sealed class ShortDecimalTests
{
    [Theory]
    [InlineData(0.056443, "0.056443")]
    [InlineData(-7.5, "-7.5")]
    [InlineData(123.45, "123.45")]
    [InlineData(1.0, "1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(100000000000000.0, "100000000000000")]
    [InlineData(999999999999999.0, "999999999999999")]
    [InlineData(0.000123456, "0.000123456")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    public void Writes_a_short_decimal_as_written_by_hand(double value, string text)
    {
        Assert.True(Format(value, out var written), $"{value:R} was not taken");
        Assert.Equal(text, written);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.00001)]              // the runtime writes 1E-05
    [InlineData(1e15)]                 // the runtime writes 1E+15
    [InlineData(0.1 + 0.2)]            // 0.30000000000000004: 17 digits
    [InlineData(0.8734523057937622)]   // a float score as a double
    [InlineData(1234567.1234567891)]   // more than nine decimals
    [InlineData(0.000123456789)]       // twelve decimals
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    public void Leaves_other_values_to_the_general_formatting(double value)
    {
        Assert.False(Format(value, out _));
    }

    /// <summary>
    /// Short decimals of every length and magnitude (k decimals, up to 15 digits, both signs), near the fine end where
    /// two texts can read back as one double, and arbitrary doubles: the text is the runtime's <c>R</c> text whenever a
    /// value is taken, and the JSON of <see cref="RepeatedNumberJson"/> (short decimals first) is that of
    /// <see cref="NamedFloatingPoint.Write"/> for every value.
    /// </summary>
    [Fact]
    public void Matches_the_runtime_on_a_million_values()
    {
        var random = new Random(20261202);
        var (taken, shortOnes, shortTaken) = (0, 0, 0);
        for (var i = 0; i < 1_000_000; i++)
        {
            double value;
            var isShort = i % 2 == 0;
            if (isShort)
            {
                var decimals = random.Next(0, 13);
                var digits = random.Next(1, 16);
                var n = random.NextInt64(1, (long)Math.Pow(10, digits));
                value = n / Math.Pow(10, decimals) * (random.Next(2) == 0 ? 1 : -1);
            }
            else value = BitConverter.Int64BitsToDouble(random.NextInt64(BitConverter.DoubleToInt64Bits(1e-6), BitConverter.DoubleToInt64Bits(1e17)));

            if (Format(value, out var written))
            {
                taken++;
                Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), written);
                Assert.Equal(value, double.Parse(written, CultureInfo.InvariantCulture));
            }
            if (isShort && Math.Abs(value) is >= 1e-4 and < 1e15 && value.ToString("R", CultureInfo.InvariantCulture).Split('.') is var parts
                && (parts.Length == 1 || parts[1].Length <= ShortDecimal.MaxDecimals) && !parts[0].Contains('E'))
            {
                shortOnes++;
                if (Format(value, out _)) shortTaken++;
            }
            if (i % 10 == 0) Assert.Equal(Json(NamedFloatingPoint.Write, value), Json(ShortFirst, value));
        }
        // Most short decimals go the short way; those it leaves are at the fine end, where two texts read back.
        Assert.True(shortTaken > 0.95 * shortOnes, $"{shortTaken} of {shortOnes} short decimals taken");
        Assert.True(taken < 600_000, $"{taken} values taken: arbitrary doubles are almost never short decimals");
    }

    [Fact]
    public void Takes_every_short_decimal_of_the_elec_stream_and_writes_every_value_as_the_general_writer_does()
    {
        using var file = new GZipStream(File.OpenRead(RepoPaths.Dataset("elec.csv")), CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        reader.ReadLine();
        var (values, shortOnes, taken) = (0, 0, 0);
        while (reader.ReadLine() is { } line)
        {
            foreach (var field in line.Split(','))
            {
                var value = double.Parse(field, CultureInfo.InvariantCulture);
                values++;
                var text = value.ToString("R", CultureInfo.InvariantCulture);
                if (!text.Contains('E') && (text.IndexOf('.') is var point && (point < 0 || text.Length - point - 1 <= ShortDecimal.MaxDecimals))) shortOnes++;
                if (Format(value, out _)) taken++;
                Assert.Equal(Json(NamedFloatingPoint.Write, value), Json(ShortFirst, value));
            }
        }
        Assert.Equal(45_312 * 7, values);
        Assert.Equal(shortOnes, taken);
        Assert.True(taken > values / 2, $"{taken} of {values}");
    }

    [Fact]
    public void Writes_commas_between_values_as_the_general_writer_does()
    {
        double[] values = [0.5, 1e-300, 12.25, double.NaN, -3, 0.1 + 0.2];
        var general = new ArrayBufferWriter<byte>();
        var shortFirst = new ArrayBufferWriter<byte>();
        foreach (var (output, write) in new (ArrayBufferWriter<byte>, Action<Utf8JsonWriter, double>)[] { (general, NamedFloatingPoint.Write), (shortFirst, ShortFirst) })
        {
            using var w = new Utf8JsonWriter(output);
            w.WriteStartObject();
            w.WriteStartArray("numbers");
            foreach (var v in values) write(w, v);
            w.WriteEndArray();
            w.WritePropertyName("last");
            write(w, 2.5);
            w.WriteEndObject();
        }
        Assert.Equal("""{"numbers":[0.5,1E-300,12.25,"NaN",-3,0.30000000000000004],"last":2.5}""", Encoding.UTF8.GetString(shortFirst.WrittenSpan));
        Assert.Equal(Encoding.UTF8.GetString(general.WrittenSpan), Encoding.UTF8.GetString(shortFirst.WrittenSpan));
    }

    /// <summary>
    /// A value written by a new <see cref="RepeatedNumberJson"/>, which has kept no text yet: its own formatting, short
    /// decimals first.
    /// </summary>
    private static void ShortFirst(Utf8JsonWriter writer, double value) => new RepeatedNumberJson().Write(writer, value);

    private static bool Format(double value, out string text)
    {
        Span<byte> buffer = stackalloc byte[ShortDecimal.MaxLength];
        var taken = ShortDecimal.TryFormat(value, buffer, out var length);
        text = Encoding.UTF8.GetString(buffer[..length]);
        return taken;
    }

    private static string Json(Action<Utf8JsonWriter, double> write, double value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartArray();
            write(w, value);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
