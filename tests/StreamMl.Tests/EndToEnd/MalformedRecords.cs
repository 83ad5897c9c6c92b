using System.Text;
using StreamMl.Core.Contracts;

namespace StreamMl.Tests.EndToEnd;

/// <summary>Records that must all be dead-lettered, each with the reason code it must carry.</summary>
public static class MalformedRecords
{
    public static List<(string Key, byte[] Value, string ExpectedReason)> Create(int count)
    {
        const string valid = """{"id":"bad-0","features":{"period":0.5,"nswprice":0.05,"nswdemand":0.4,"vicprice":0.003,"vicdemand":0.4,"transfer":0.4}}""";
        var makers = new Func<int, (byte[], string)>[]
        {
            i => (Encoding.UTF8.GetBytes(valid.Replace("bad-0", $"bad-{i}")[..40]), RejectionCodes.InvalidJson),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":0.5,"nswprice":"cheap"}}"""), RejectionCodes.WrongType),
            i => (Encoding.UTF8.GetBytes("""{"features":{"period":0.5,"nswprice":0.05}}"""), RejectionCodes.MissingId),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":NaN,"nswprice":0.05}}"""), RejectionCodes.InvalidJson),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":0.5,"colour":"red"}}"""), RejectionCodes.UnknownFeature),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":0.5},"padding":"{{{new string('x', 2 * 1024 * 1024)}}}"}"""), RejectionCodes.TooLarge),
            i => ([.. Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":0.5},"note":"""), (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'], RejectionCodes.InvalidUtf8),
            // Lone surrogate escapes once threw inside the decoder and stopped every partition.
            i => (Encoding.UTF8.GetBytes("""{"id":"\ud800","features":{"period":0.5}}"""), RejectionCodes.InvalidJson),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"\udc00":0.5}}"""), RejectionCodes.InvalidJson),
            i => (Encoding.UTF8.GetBytes($$$"""{"id":"bad-{{{i}}}","features":{"period":0.5},"label":"\ud800"}"""), RejectionCodes.InvalidJson),
        };
        return Enumerable.Range(0, count).Select(i =>
        {
            var (bytes, reason) = makers[i % makers.Length](i);
            return ($"bad-{i}", bytes, reason);
        }).ToList();
    }
}
