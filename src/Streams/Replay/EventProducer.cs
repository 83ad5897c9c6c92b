using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Streams.Kafka;

namespace StreamMl.Streams.Replay;

/// <summary>The outcome of a produce run. <see cref="Failed"/> also counts events still unconfirmed when the run gave up waiting.</summary>
public sealed record ProduceSummary(long Sent, long Acknowledged, long Failed, double ElapsedSeconds, double EventsPerSecond);

/// <summary>A progress report: totals so far and the send rate since the previous report.</summary>
public readonly record struct ProduceProgress(long Sent, long Acknowledged, long Failed, double ElapsedSeconds, double EventsPerSecond);

/// <summary>Where and how fast to produce.</summary>
public sealed record EventProducerOptions
{
    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port…]</c>.</summary>
    public required string BootstrapServers { get; init; }
    /// <summary>The events topic. Default <c>streamml.events</c>.</summary>
    public string Topic { get; init; } = "streamml.events";
    /// <summary>Target events per second; 0 sends as fast as the producer takes them.</summary>
    public double Rate { get; init; }
    /// <summary>How often the progress callback is called. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>After cancellation, how long to wait for events in flight. Default 1.5 s.</summary>
    public TimeSpan CancelFlushTimeout { get; init; } = TimeSpan.FromSeconds(1.5);
    /// <summary>Extra librdkafka settings (applied last, so they may override the defaults).</summary>
    public IReadOnlyDictionary<string, string>? Config { get; init; }
}

/// <summary>Source-generated JSON for the replay records printed by the command line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProduceSummary))]
public sealed partial class ReplayJsonContext : JsonSerializerContext;

/// <summary>
/// Writes <see cref="EventRecord"/>s to a topic as JSON (key = id) through one idempotent producer, paced by a
/// token bucket, counting delivery reports. One instance may run <see cref="ProduceAsync"/> once at a time.
/// </summary>
public sealed class EventProducer : IDisposable
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(5);
    private readonly EventProducerOptions _options;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly Action<string>? _warn;
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private string? _firstFailure;
    private volatile string? _fatal;
    private readonly HashSet<string> _errorsSeen = new(StringComparer.Ordinal);

    /// <param name="options">Servers, topic and rate.</param>
    /// <param name="warn">Receives client errors and the first delivery failure, as one-line messages.</param>
    public EventProducer(EventProducerOptions options, Action<string>? warn = null)
    {
        if (!(options.Rate >= 0) || double.IsInfinity(options.Rate))
            throw new ArgumentOutOfRangeException(nameof(options), options.Rate, "the rate must be 0 or a positive number");
        _options = options;
        _warn = warn;
        _producer = new ProducerBuilder<byte[], byte[]>(CreateConfig(options))
            .SetErrorHandler((_, e) => OnError(e))
            .SetLogHandler((_, _) => { })
            .Build();
        _onDelivery = OnDelivery;
    }

    /// <summary>The first delivery failure's reason, if any.</summary>
    public string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>The product's producer settings (<see cref="KafkaClientSettings"/>: acks=all, idempotence, 5 ms linger, LZ4), then <see cref="EventProducerOptions.Config"/>.</summary>
    public static ProducerConfig CreateConfig(EventProducerOptions options)
    {
        var config = new KafkaClientSettings(options.BootstrapServers, clientId: "streamml-produce").CreateProducerConfig();
        if (options.Config is not null)
            foreach (var (key, value) in options.Config) config.Set(key, value);
        return config;
    }

    /// <summary>The record value: the event's JSON.</summary>
    public static byte[] Serialize(EventRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, ContractsJsonContext.Default.EventRecord);

    /// <summary>The record key: the event id as UTF-8.</summary>
    public static byte[] Key(EventRecord record) => Encoding.UTF8.GetBytes(record.Id);

    /// <summary>
    /// Sends every event (until cancelled), then waits for all delivery reports. Cancellation stops sending and
    /// waits up to <see cref="EventProducerOptions.CancelFlushTimeout"/> for events in flight; it does not throw.
    /// An exception from <paramref name="events"/> is rethrown after the events already sent are flushed.
    /// </summary>
    /// <param name="progress">Called every <see cref="EventProducerOptions.ProgressInterval"/> on a pool thread.</param>
    public async Task<ProduceSummary> ProduceAsync(IEnumerable<EventRecord> events, Action<ProduceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var stopProgress = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : ReportProgress(clock, progress, stopProgress.Token);
        var bucket = _options.Rate > 0 ? new TokenBucket(_options.Rate, start: clock.Elapsed) : null;
        var cancelled = false;
        try
        {
            foreach (var record in events)
            {
                if (cancellationToken.IsCancellationRequested || _fatal is not null) break;
                if (bucket is not null)
                {
                    TimeSpan wait;
                    while ((wait = bucket.Acquire(clock.Elapsed)) > TimeSpan.Zero)
                        await Task.Delay(wait, cancellationToken);
                }
                var message = new Message<byte[], byte[]> { Key = Key(record), Value = Serialize(record) };
                await Send(message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            cancelled |= cancellationToken.IsCancellationRequested;
            // Wait for the delivery reports of everything sent; only a bounded wait once cancelled.
            if (!cancelled && _fatal is null)
            {
                try
                {
                    _producer.Flush(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                }
            }
            if (cancelled || _fatal is not null) _producer.Flush(_options.CancelFlushTimeout);
            clock.Stop();
            stopProgress.Cancel();
            await reporter;
        }
        if (_fatal is not null) _warn?.Invoke($"the producer stopped after a fatal error: {_fatal}");

        var sent = Interlocked.Read(ref _sent);
        var acknowledged = Interlocked.Read(ref _acknowledged);
        var elapsed = clock.Elapsed.TotalSeconds;
        return new ProduceSummary(sent, acknowledged, sent - acknowledged, Math.Round(elapsed, 3), elapsed > 0 ? Math.Round(sent / elapsed, 1) : 0);
    }

    public void Dispose() => _producer.Dispose();

    private async ValueTask Send(Message<byte[], byte[]> message, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                _producer.Produce(_options.Topic, message, _onDelivery);
                Interlocked.Increment(ref _sent);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The client's queue is full: let deliveries drain it.
                await Task.Delay(QueueFullWait, cancellationToken);
            }
            catch (ProduceException<byte[], byte[]> e)
            {
                // Refused before it was queued (too large, bad topic, …): it counts as sent and failed.
                Interlocked.Increment(ref _sent);
                RecordFailure(e.Error.Reason);
                return;
            }
        }
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError) RecordFailure(report.Error.Reason);
        else Interlocked.Increment(ref _acknowledged);
    }

    private void RecordFailure(string reason)
    {
        Interlocked.Increment(ref _failed);
        if (Interlocked.CompareExchange(ref _firstFailure, reason, null) is null)
            _warn?.Invoke($"delivery failed: {reason}");
    }

    private void OnError(Error e)
    {
        if (e.IsFatal) _fatal ??= e.Reason;
        // The client repeats the same error (a broker down) on every retry: say each one once.
        lock (_errorsSeen)
            if (_errorsSeen.Count >= 100 || !_errorsSeen.Add(e.Reason)) return;
        _warn?.Invoke($"kafka: {e.Reason}");
    }

    private async Task ReportProgress(Stopwatch clock, Action<ProduceProgress> progress, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.ProgressInterval);
        var lastSent = 0L;
        var lastTime = TimeSpan.Zero;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = clock.Elapsed;
                var sent = Interlocked.Read(ref _sent);
                var seconds = (now - lastTime).TotalSeconds;
                var rate = seconds > 0 ? (sent - lastSent) / seconds : 0;
                progress(new ProduceProgress(sent, Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _failed), now.TotalSeconds, rate));
                lastSent = sent;
                lastTime = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
