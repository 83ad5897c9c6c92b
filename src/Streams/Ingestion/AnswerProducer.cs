using System.Buffers;
using Confluent.Kafka;

namespace StreamMl.Streams.Ingestion;

/// <summary>
/// Produces a batch's answers without arrays of their own: each answer's key and value are written into buffers kept
/// from record to record, then copied into arrays of exactly their length, kept one per length
/// (<see cref="ExactLengthArrays"/>), and one message object carries each record in turn. This holds because the Kafka
/// client copies a record's key and value into librdkafka's queue before <c>Produce</c> returns (it produces with
/// librdkafka's copy flag), and <see cref="BatchDelivery"/> reads only the error of a delivery report. One batch at a
/// time; a pipeline keeps a few (<see cref="Pool"/>).
/// </summary>
public sealed class AnswerProducer
{
    private readonly ArrayBufferWriter<byte> _key = new(64);
    private readonly ArrayBufferWriter<byte> _value = new(512);
    private readonly ExactLengthArrays _keys = new();
    private readonly ExactLengthArrays _values = new();
    private readonly Message<byte[]?, byte[]?> _message = new();

    /// <summary>Produces every answer, in order, to <paramref name="topic"/>, each counted by <paramref name="delivery"/>.</summary>
    internal void Produce(IBatchAnswers answers, IProducer<byte[]?, byte[]?> producer, TopicPartition topic, BatchDelivery delivery)
    {
        for (var i = 0; i < answers.Count; i++) delivery.Produce(producer, topic, Message(answers, i));
        // Nothing keeps the last record's arrays alive through the message between batches.
        _message.Key = null;
        _message.Value = null;
    }

    /// <summary>
    /// The one message of this producer, carrying answer <paramref name="index"/>: its key and value are this producer's
    /// arrays, overwritten by the next answer of the same lengths, so the message is good until the next call.
    /// </summary>
    public Message<byte[]?, byte[]?> Message(IBatchAnswers answers, int index)
    {
        _key.ResetWrittenCount();
        _value.ResetWrittenCount();
        _message.Timestamp = answers.Write(index, _key, _value);
        _message.Key = _keys.Copy(_key.WrittenSpan);
        _message.Value = _values.Copy(_value.WrittenSpan);
        return _message;
    }

    /// <summary>The producers of a pipeline's batches in flight, each taken by one batch at a time.</summary>
    internal sealed class Pool
    {
        private readonly Stack<AnswerProducer> _free = new();

        public AnswerProducer Take()
        {
            lock (_free) return _free.TryPop(out var producer) ? producer : new AnswerProducer();
        }

        public void Return(AnswerProducer producer)
        {
            lock (_free) _free.Push(producer);
        }
    }
}
