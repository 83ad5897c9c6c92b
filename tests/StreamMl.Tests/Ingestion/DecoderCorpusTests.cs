using StreamMl.Core.Ingestion;
using StreamMl.Core.Spec;
using StreamMl.Tests.Support;
using Xunit;

namespace StreamMl.Tests.Ingestion;

/// <summary>The fuzz corpus (<c>fuzz-corpus.tsv</c>): records that are hard on a JSON decoder, each with the outcome it must have.</summary>
public sealed class DecoderCorpusTests
{
    private static readonly EventDecoder Decoder = new(new CompiledSpec(SpecLoader.Load(RepoPaths.Spec("elec2.json"))));

    public static TheoryData<string, string, string> Corpus()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "StreamMl.Tests", "Ingestion", "fuzz-corpus.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split('\t');
            data.Add(parts[1], parts[0], parts[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Each_corpus_record_has_its_stated_outcome(string what, string expected, string base64)
    {
        var result = Decoder.Decode(Convert.FromBase64String(base64));

        Assert.True(expected == (result.Rejection?.Code ?? "valid"), $"{what}: expected {expected}, got {result.Rejection?.ToString() ?? "valid"}");
    }
}
