using System.IO.Compression;
using System.Text;
using StreamMl.Core.Files;
using StreamMl.Core.Modeling;
using StreamMl.Streams.Replay;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.CommandLine;

/// <summary>Every reader takes a CSV file plain, gzip-compressed (whatever its name) or with a byte order mark alike.</summary>
public class CompressedCsvTests : IDisposable
{
    private const string Text = "attrib1,attrib2,attrib3,class\n1.5,2,3,1\n4,\"5\",6,0\n7,8,9,1\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("streamml-csv-").FullName;

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private string[] Variants() =>
    [
        Write("plain.csv", Encoding.UTF8.GetBytes(Text)),
        Write("packed.csv.gz", Gzip(Text)),
        Write("packed-without-suffix.csv", Gzip(Text)),
        Write("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)]),
    ];

    [Fact]
    public void The_text_is_the_same_plain_compressed_or_with_a_byte_order_mark()
    {
        foreach (var path in Variants()) Assert.Equal(Text, TextFile.ReadAll(path));
    }

    [Fact]
    public void Csv_rows_and_replayed_events_are_the_same_from_every_variant()
    {
        var spec = Core.Spec.SpecLoader.Load(RepoPaths.Spec("sea.json"));
        var expectedRows = Rows(Variants()[0]);
        var expectedEvents = Events(Variants()[0], spec);
        foreach (var path in Variants())
        {
            Assert.Equal(expectedRows, Rows(path));
            Assert.Equal(expectedEvents, Events(path, spec));
        }
        Assert.Equal(3, expectedEvents.Count);
    }

    [Fact]
    public void The_repository_datasets_are_found_by_name_compressed()
    {
        var elec = CsvFile.Find(Path.Combine(RepoPaths.Root, "datasets"), "elec");

        Assert.EndsWith("elec.csv.gz", elec);
        using var reader = CsvRowReader.Open(elec!);
        Assert.Equal(45_312, reader.Rows().Count());
    }

    private static List<string> Rows(string path)
    {
        using var reader = CsvRowReader.Open(path);
        return [string.Join('|', reader.Header), .. reader.Rows().Select(r => string.Join('|', r.Fields))];
    }

    private static List<string> Events(string path, Core.Spec.PipelineSpec spec) =>
        new CsvEventSource(path, spec, includeLabels: true).Select(e => EventProducer.Serialize(e)).Select(Encoding.UTF8.GetString).ToList();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
