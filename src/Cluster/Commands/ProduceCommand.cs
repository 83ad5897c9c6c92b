using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Commands;

/// <summary>The `produce` verb: replays a CSV file as events on a topic.</summary>
public static class ProduceCommand
{
    public const string BootstrapServersVariable = "STREAMML_BOOTSTRAP_SERVERS";
    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            Description = $"Kafka bootstrap servers, HOST:PORT[,HOST:PORT...] (default: ${BootstrapServersVariable}).",
            HelpName = "HOST:PORT",
        };
        var topic = new Option<string>("--topic")
        {
            Description = "The events topic.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "streamml.events",
        };
        var spec = new Option<string?>("--spec") { Description = "The pipeline spec (JSON) naming the features and label.", HelpName = "FILE" };
        var csv = new Option<string?>("--csv") { Description = "The CSV file to replay (header row first).", HelpName = "FILE" };
        var rate = new Option<double>("--rate")
        {
            Description = "Target events per second; 0 sends as fast as possible.",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var skip = new Option<long>("--skip") { Description = "Data rows to pass over first.", HelpName = "N", DefaultValueFactory = _ => 0 };
        var limit = new Option<long?>("--limit") { Description = "Most events to send (default: all rows).", HelpName = "N" };
        var labels = new Option<bool>("--labels") { Description = "Include the spec's label column in each event." };
        var idPrefix = new Option<string>("--id-prefix")
        {
            Description = "Put before the row number to make each event id.",
            HelpName = "P",
            DefaultValueFactory = _ => "",
        };

        var command = new Command("produce", "Replay a CSV file as JSON events on a Kafka topic, at a target rate. Prints a JSON summary on stdout.")
        {
            bootstrap, topic, spec, csv, rate, skip, limit, labels, idPrefix,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => CommandRunner.Run(async () =>
        {
            var arguments = new ProduceArguments(
                r.GetValue(bootstrap) ?? Environment.GetEnvironmentVariable(BootstrapServersVariable),
                r.GetValue(topic),
                r.GetValue(spec),
                r.GetValue(csv),
                r.GetValue(rate),
                r.GetValue(skip),
                r.GetValue(limit),
                r.GetValue(labels),
                r.GetValue(idPrefix));
            return await Run(arguments, ct);
        }));
        return command;
    }

    /// <summary>The produce arguments as given (before validation).</summary>
    public sealed record ProduceArguments(
        string? BootstrapServers, string? Topic, string? Spec, string? Csv, double Rate, long Skip, long? Limit, bool Labels, string? IdPrefix);

    /// <summary>Checks the arguments; throws a <see cref="UsageException"/> naming the first bad option.</summary>
    public static void Validate(ProduceArguments a)
    {
        if (string.IsNullOrWhiteSpace(a.BootstrapServers))
            throw new UsageException($"--bootstrap-servers: required (or set {BootstrapServersVariable})");
        foreach (var server in a.BootstrapServers.Split(','))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new UsageException($"--bootstrap-servers: '{server}' is not HOST:PORT");
        }
        if (string.IsNullOrWhiteSpace(a.Topic)) throw new UsageException("--topic: must not be empty");
        if (a.Topic.Length > 249 || a.Topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            throw new UsageException($"--topic: '{a.Topic}' is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)");
        if (string.IsNullOrEmpty(a.Spec)) throw new UsageException("--spec: required");
        if (!File.Exists(a.Spec)) throw new UsageException($"--spec: file '{a.Spec}' does not exist");
        if (string.IsNullOrEmpty(a.Csv)) throw new UsageException("--csv: required");
        if (!File.Exists(a.Csv)) throw new UsageException($"--csv: file '{a.Csv}' does not exist");
        if (!(a.Rate >= 0) || double.IsInfinity(a.Rate))
            throw new UsageException($"--rate: must be 0 (as fast as possible) or a positive number of events per second, not {a.Rate.ToString(CultureInfo.InvariantCulture)}");
        if (a.Skip < 0) throw new UsageException($"--skip: must not be negative, not {a.Skip}");
        if (a.Limit < 0) throw new UsageException($"--limit: must not be negative, not {a.Limit}");
        // Ids are at most 128 characters (EventDecoder.MaxIdLength); leave room for the row number.
        if (a.IdPrefix is { Length: > 100 }) throw new UsageException("--id-prefix: at most 100 characters");
    }

    private static async Task<int> Run(ProduceArguments a, CancellationToken ct)
    {
        Validate(a);
        var spec = SpecLoader.Load(a.Spec!);
        CsvEventSource source;
        try
        {
            source = new CsvEventSource(a.Csv!, spec, includeLabels: a.Labels, idPrefix: a.IdPrefix ?? "", skip: a.Skip, take: a.Limit);
        }
        catch (Exception e) when (e is CsvFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--csv: {e.Message}");
        }

        var console = new ProgressConsole(interactive: !Console.IsErrorRedirected);
        var options = new EventProducerOptions { BootstrapServers = a.BootstrapServers!, Topic = a.Topic!, Rate = a.Rate };
        EventProducer producer;
        try
        {
            producer = new EventProducer(options, console.Warn);
        }
        catch (Exception e) when (e is KafkaException or ArgumentException)
        {
            throw new UsageException($"--bootstrap-servers: {e.Message}");
        }

        var guarded = new StopOnError(source);
        ProduceSummary summary;
        using (producer)
            summary = await producer.ProduceAsync(guarded, console.Report, ct);
        console.Done(summary);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(summary, ReplayJsonContext.Default.ProduceSummary));

        if (guarded.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"streamml: {error.Message}");
            return 1;
        }
        if (ct.IsCancellationRequested) return 130;
        return summary.Failed > 0 ? 1 : 0;
    }

    /// <summary>Ends the replay at the first bad row instead of throwing, so what was sent is still summed up.</summary>
    private sealed class StopOnError(IEnumerable<EventRecord> inner) : IEnumerable<EventRecord>
    {
        public CsvFormatException? Error { get; private set; }

        public IEnumerator<EventRecord> GetEnumerator()
        {
            using var e = inner.GetEnumerator();
            while (true)
            {
                try
                {
                    if (!e.MoveNext()) break;
                }
                catch (CsvFormatException error)
                {
                    Error = error;
                    break;
                }
                yield return e.Current;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The progress line on stderr: rewritten in place on a terminal, otherwise one line every few seconds.
    /// Warnings are written on their own lines without garbling it.
    /// </summary>
    private sealed class ProgressConsole(bool interactive)
    {
        private readonly Lock _lock = new();
        private int _width;
        private TimeSpan _lastPlain = TimeSpan.Zero;

        public void Report(ProduceProgress p)
        {
            var text = Describe(p.Sent, p.Acknowledged, p.Failed, p.EventsPerSecond);
            lock (_lock)
            {
                if (interactive)
                {
                    Console.Error.Write("\r" + text.PadRight(_width));
                    _width = text.Length;
                }
                else if (TimeSpan.FromSeconds(p.ElapsedSeconds) - _lastPlain >= PlainProgressEvery)
                {
                    _lastPlain = TimeSpan.FromSeconds(p.ElapsedSeconds);
                    Console.Error.WriteLine(text);
                }
            }
        }

        public void Warn(string message)
        {
            lock (_lock)
            {
                if (interactive && _width > 0) Console.Error.Write("\r" + new string(' ', _width) + "\r");
                _width = 0;
                Console.Error.WriteLine($"streamml: {message}");
            }
        }

        public void Done(ProduceSummary s)
        {
            var text = Describe(s.Sent, s.Acknowledged, s.Failed, s.EventsPerSecond) + $" in {s.ElapsedSeconds:0.0} s";
            lock (_lock)
            {
                if (interactive) Console.Error.WriteLine("\r" + text.PadRight(_width));
                else Console.Error.WriteLine(text);
                _width = 0;
            }
        }

        private static string Describe(long sent, long acked, long failed, double rate) =>
            string.Create(CultureInfo.InvariantCulture, $"produce: sent {sent:N0}, acknowledged {acked:N0}, failed {failed:N0}, {rate:N0} events/s");
    }
}
