using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamMl.Streams.Kafka;

/// <summary>
/// Routes a Kafka client's errors and librdkafka's own log lines to a logger, at most one line per kind of
/// message every <see cref="Interval"/>: while a broker is down librdkafka reports the same connection failure
/// every few dozen milliseconds. A line says how many like it were held back since the last one; fatal errors
/// always go through.
/// </summary>
public sealed class KafkaClientLog(ILogger logger, string client, TimeSpan? interval = null)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>The shortest time between two lines of one kind. Default 10 s.</summary>
    public TimeSpan Interval { get; } = interval ?? TimeSpan.FromSeconds(10);

    public void OnError(Error error)
    {
        if (error.IsFatal)
        {
            logger.LogError("Kafka {Client}: fatal error {Code}: {Reason}", client, error.Code, error.Reason);
            return;
        }
        if (Admit("error:" + error.Code, out var held))
            logger.LogWarning("Kafka {Client}: {Reason}{Held}", client, error.Reason, Held(held));
    }

    public void OnLog(LogMessage message)
    {
        // librdkafka uses syslog levels: 0-3 errors, 4 warnings, 5-6 notices and information, 7 debug.
        var level = (int)message.Level switch
        {
            <= 3 => LogLevel.Error,
            4 => LogLevel.Warning,
            <= 6 => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        if (!logger.IsEnabled(level) || !Admit("log:" + message.Facility, out var held)) return;
        logger.Log(level, "Kafka {Client} [{Facility}]: {Message}{Held}", client, message.Facility, message.Message, Held(held));
    }

    private bool Admit(string kind, out long held)
    {
        var gate = _gates.GetOrAdd(kind, _ => new Gate());
        lock (gate)
        {
            var now = Environment.TickCount64;
            if (gate.Last != 0 && now - gate.Last < Interval.TotalMilliseconds)
            {
                gate.Held++;
                held = 0;
                return false;
            }
            held = gate.Held;
            gate.Held = 0;
            gate.Last = now;
            return true;
        }
    }

    private static string Held(long held) => held == 0 ? "" : $" ({held} more like it held back)";

    private sealed class Gate
    {
        public long Last;
        public long Held;
    }
}

/// <summary>Attaches a <see cref="KafkaClientLog"/> to the builders of the product's clients.</summary>
public static class KafkaClientLogExtensions
{
    public static ProducerBuilder<TKey, TValue> WithLog<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, KafkaClientLog log) =>
        builder.SetErrorHandler((_, e) => log.OnError(e)).SetLogHandler((_, m) => log.OnLog(m));

    public static ConsumerBuilder<TKey, TValue> WithLog<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, KafkaClientLog log) =>
        builder.SetLogHandler((_, m) => log.OnLog(m));
}
