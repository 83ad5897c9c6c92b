using System.Globalization;
using System.Text.Json;
using StreamMl.Core.Contracts;
using StreamMl.Core.Modeling;

namespace StreamMl.Tests.Support;

/// <summary>Rows of elec.csv as events, serialised as producers write them.</summary>
public static class ElecEvents
{
    public static IReadOnlyList<EventRecord> Read(int skip, int take, string idPrefix = "e-", bool withLabels = false)
    {
        using var reader = CsvRowReader.Open(RepoPaths.Dataset("elec.csv"));
        var header = reader.Header;
        var label = reader.IndexOf("class");
        return reader.Rows().Skip(skip).Take(take).Select(row =>
        {
            var features = new Dictionary<string, FeatureValue>();
            for (var i = 0; i < header.Length; i++)
                if (i != label) features[header[i]] = FeatureValue.Of(double.Parse(row.Fields[i], CultureInfo.InvariantCulture));
            return new EventRecord($"{idPrefix}{row.RowNumber}", null, features,
                withLabels ? FeatureValue.Of(double.Parse(row.Fields[label], CultureInfo.InvariantCulture)) : null);
        }).ToList();
    }

    public static byte[] Json(EventRecord e) => JsonSerializer.SerializeToUtf8Bytes(e, ContractsJsonContext.Default.EventRecord);
}
