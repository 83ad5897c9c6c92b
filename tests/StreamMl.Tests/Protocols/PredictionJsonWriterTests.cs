using System.Text.Json;
using StreamMl.Core.Contracts;
using Xunit;

namespace StreamMl.Tests.Protocols;

/// <summary>The prediction writer's bytes are the serializer's, record for record, over every shape a prediction can take.</summary>
public sealed class PredictionJsonWriterTests
{
    private static readonly string[] Ids = ["ev-1", "", "ünïcödé-ß", "quote\"back\\slash", "<script>&'", "emoji-😀", "tab\tnew\nline", "\u007f\u0001"];
    private static readonly double[] Numbers = [0, -0.0, 1, 0.5, 1e-300, -1.2345678901234567e308, double.Epsilon, 0.1 + 0.2, double.NaN,
        double.PositiveInfinity, double.NegativeInfinity];
    private static readonly string[][] SliceLists = [[], ["global"], ["global", "dayPart=night", "demandLevel=low,dayPart=évening"]];

    [Fact]
    public void Writes_the_same_bytes_as_the_serializer_for_every_shape_of_prediction()
    {
        var writer = new PredictionJsonWriter();
        var random = new Random(7);
        var compared = 0;
        for (var i = 0; i < 5000; i++)
        {
            var prediction = new PredictionRecord(
                Ids[random.Next(Ids.Length)] + i,
                random.Next(2) == 0 ? "v1" : "online-v\u00e9-3",
                Numbers[random.Next(Numbers.Length)],
                random.Next(3) == 0 ? null : Numbers[random.Next(Numbers.Length)],
                (random.Next(3)) switch { 0 => null, 1 => true, _ => false },
                SliceLists[random.Next(SliceLists.Length)],
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(random.Next(-600, 600) / 15 * 15)).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 3650)),
                random.Next(2) == 0 ? null : random.NextInt64(0, long.MaxValue),
                random.Next(2) == 0 ? null : random.Next(0, 10_000),
                random.Next(2) == 0 ? null : random.Next(0, 100_000));

            var expected = JsonSerializer.SerializeToUtf8Bytes(prediction, ContractsJsonContext.Default.PredictionRecord);
            var actual = writer.Serialize(prediction);

            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"record {i}:\nserializer {System.Text.Encoding.UTF8.GetString(expected)}\nwriter     {System.Text.Encoding.UTF8.GetString(actual)}");
            compared++;
        }
        Assert.Equal(5000, compared);
    }

    [Fact]
    public void A_prediction_written_reads_back_as_the_same_record()
    {
        var prediction = new PredictionRecord("e-1", "v3", double.NaN, 0.25, true, ["global"], DateTimeOffset.UnixEpoch, 12, 3, 40);

        var read = JsonSerializer.Deserialize(new PredictionJsonWriter().Serialize(prediction), ContractsJsonContext.Default.PredictionRecord)!;

        Assert.Equal(prediction with { Slices = read.Slices }, read);
        Assert.Equal(prediction.Slices, read.Slices);
    }
}
