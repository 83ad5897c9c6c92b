using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Protocols;

/// <summary>A repeated value's kept text is the text <see cref="NamedFloatingPoint.Write"/> writes, hit or miss.</summary>
public sealed class RepeatedNumberJsonTests
{
    [Fact]
    public void Writes_the_elec_stream_as_the_general_writer_does()
    {
        using var file = new GZipStream(File.OpenRead(RepoPaths.Dataset("elec.csv")), CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        reader.ReadLine();
        var values = new List<double>();
        while (reader.ReadLine() is { } line)
            foreach (var field in line.Split(',')) values.Add(double.Parse(field, CultureInfo.InvariantCulture));

        // The stream twice: the second pass finds what the first kept, where no other value took its slot since.
        var twice = values.Concat(values).ToArray();
        AssertSameText(twice);
    }

    [Fact]
    public void Writes_any_double_as_the_general_writer_does_whether_found_or_not()
    {
        var random = new Random(3);
        double[] edges = [0, -0.0, 1, -1, 0.1 + 0.2, 1e-4, 9.99e-5, 1e15, 999_999_999_999_999.9, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 1e-300, 2.2250738585072014E-308, 123456789.123456789, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity];
        var values = new List<double>();
        for (var i = 0; i < 200_000; i++)
        {
            values.Add(random.Next(5) switch
            {
                // Any bit pattern (NaNs with payloads and subnormals among them).
                0 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
                // Short decimals, and values a hair off them.
                1 => Math.Round(random.NextDouble() * 1000, random.Next(0, 10)),
                2 => Math.BitIncrement(Math.Round(random.NextDouble(), random.Next(0, 7))),
                // A few values over and over, so most are found.
                3 => edges[random.Next(edges.Length)],
                _ => random.Next(48) / 47.0,
            });
        }
        AssertSameText(values);
    }

    /// <summary>Writes the values in one array with each writer and compares the text.</summary>
    private static void AssertSameText(IReadOnlyList<double> values)
    {
        var repeated = new RepeatedNumberJson();
        var expected = Write(values, NamedFloatingPoint.Write);
        var actual = Write(values, repeated.Write);
        if (expected == actual) return;
        var (e, a) = (expected.Split(','), actual.Split(','));
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).First(i => e[i] != a[i]);
        Assert.Fail($"value {first}: {e[first]} expected, {a[first]} written");
    }

    private static string Write(IReadOnlyList<double> values, Action<Utf8JsonWriter, double> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartArray();
            foreach (var value in values) write(w, value);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
