using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Modeling;
using StreamMl.Core.Spec;

namespace StreamMl.Cluster.Demo;

/// <summary>Rows of a CSV as the events producers write: the spec's features, no label.</summary>
public static class CsvEvents
{
    /// <summary>The rows after the first <paramref name="skip"/>, as events with id <c>{idPrefix}{row number}</c> and no time.</summary>
    public static IEnumerable<EventRecord> Read(string csv, CompiledSpec spec, int skip = 0, string idPrefix = "elec-")
    {
        using var reader = CsvRowReader.Open(csv);
        var columns = spec.Spec.Features.Select(f => (f.Name, Index: reader.IndexOf(f.Name), f.Kind)).ToArray();
        foreach (var row in reader.Rows().Skip(skip))
        {
            var features = new Dictionary<string, FeatureValue>(columns.Length);
            foreach (var (name, index, kind) in columns)
            {
                var cell = row.Fields[index];
                features[name] = cell.Length == 0 ? FeatureValue.Missing
                    : kind == ColumnKind.Numeric ? FeatureValue.Of(double.Parse(cell, CultureInfo.InvariantCulture)) : FeatureValue.Of(cell);
            }
            yield return new EventRecord($"{idPrefix}{row.RowNumber}", null, features);
        }
    }

    /// <summary>The Kafka record of an event: key = id, value = its JSON.</summary>
    public static Message<byte[]?, byte[]?> ToMessage(EventRecord record) => new()
    {
        Key = Encoding.UTF8.GetBytes(record.Id),
        Value = JsonSerializer.SerializeToUtf8Bytes(record, ContractsJsonContext.Default.EventRecord),
    };

    /// <summary>Produces, waiting while the producer's local queue is full.</summary>
    public static void Produce(IProducer<byte[]?, byte[]?> producer, string topic, Message<byte[]?, byte[]?> message,
        Action<DeliveryReport<byte[]?, byte[]?>>? onDelivery = null)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
