using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamMl.Streams.Kafka;
using Xunit;

namespace StreamMl.Tests.Kafka;

/// <summary>A broker that is down makes librdkafka report the same failure every few dozen milliseconds: one line per kind per interval.</summary>
public class KafkaClientLogTests
{
    [Fact]
    public void Repeated_errors_of_one_kind_give_one_line_per_interval_with_a_count_of_those_held_back()
    {
        var logger = new ListLogger();
        var log = new KafkaClientLog(logger, "test", TimeSpan.FromMilliseconds(300));

        for (var i = 0; i < 50; i++) log.OnError(new Error(ErrorCode.Local_Transport, "connection refused"));
        log.OnError(new Error(ErrorCode.Local_AllBrokersDown, "all brokers down"));
        Thread.Sleep(400);
        log.OnError(new Error(ErrorCode.Local_Transport, "connection refused"));

        Assert.Equal(3, logger.Lines.Count);
        Assert.Contains("connection refused", logger.Lines[0]);
        Assert.DoesNotContain("held back", logger.Lines[0]);
        Assert.Contains("all brokers down", logger.Lines[1]);
        Assert.Contains("(49 more like it held back)", logger.Lines[2]);
    }

    [Fact]
    public void Fatal_errors_are_never_held_back()
    {
        var logger = new ListLogger();
        var log = new KafkaClientLog(logger, "test");

        for (var i = 0; i < 3; i++) log.OnError(new Error(ErrorCode.Local_Fatal, "fatal", isFatal: true));

        Assert.Equal(3, logger.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal)));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
