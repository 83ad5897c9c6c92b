using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;

namespace StreamMl.Bench;

/// <summary>The benchmark's events: rows of a CSV as producers write them, and a produce call that waits out a full queue.</summary>
public static class BenchEvents
{
    /// <summary>The rows after the first <paramref name="skip"/>, as events with id <c>{idPrefix}{row number}</c>, no time, and a label when asked for.</summary>
    public static IEnumerable<EventRecord> Read(string csv, CompiledSpec spec, int skip = 0, string idPrefix = "elec-", bool includeLabels = false) =>
        new CsvEventSource(csv, spec.Spec, includeLabels, idPrefix: idPrefix, skip: skip);

    /// <summary>
    /// One empty header list for records produced without headers (the client makes a new one for each record whose
    /// headers are null); never added to.
    /// </summary>
    public static readonly Headers NoHeaders = new();

    /// <summary>The Kafka record of an event: key = id, value = its JSON.</summary>
    public static Message<byte[]?, byte[]?> ToMessage(EventRecord record) => new()
    {
        Key = EventProducer.Key(record),
        Value = EventProducer.Serialize(record),
    };

    /// <summary>
    /// Produces, waiting while the producer's local queue is full. The topic comes as a partition made once by the
    /// caller: producing to a topic by name makes one for every record.
    /// </summary>
    public static void Produce(IProducer<byte[]?, byte[]?> producer, TopicPartition topic, Message<byte[]?, byte[]?> message,
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
