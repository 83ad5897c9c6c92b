using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Core.Contracts;
using StreamMl.Core.Spec;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Commands;

/// <summary>The `produce` verb: replays a CSV file, or a seeded stream generator, as events on a topic.</summary>
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
        var spec = new Option<string?>("--spec")
        {
            Description = "The pipeline spec (JSON) naming the features and label (default with --generator: specs/NAME.json).",
            HelpName = "FILE",
        };
        var csv = new Option<string?>("--csv") { Description = "The CSV file to replay (header row first).", HelpName = "FILE" };
        var generator = new Option<string?>("--generator")
        {
            Description = $"Produce a seeded stream instead of a CSV file: {string.Join(", ", GeneratorCatalog.Names)}.",
            HelpName = "NAME",
        };
        var seed = new Option<long?>("--seed") { Description = "The generator's seed (default 1).", HelpName = "S" };
        var driftAt = new Option<string?>("--drift-at")
        {
            Description = "Event indices (counted from 0, before --skip) where the generator moves to its next concept.",
            HelpName = "N[,M...]",
        };
        var driftWidth = new Option<long?>("--drift-width")
        {
            Description = "Events over which each drift happens (default 0: abrupt).",
            HelpName = "W",
        };
        var stationary = new Option<bool>("--stationary")
        {
            Description = "No drift at all: no concept changes, and hyperplane and rbf without their continuous drift.",
        };
        var rate = new Option<double>("--rate")
        {
            Description = "Target events per second; 0 sends as fast as possible.",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
        };
        var skip = new Option<long>("--skip") { Description = "Data rows (or generated events) to pass over first.", HelpName = "N", DefaultValueFactory = _ => 0 };
        var limit = new Option<long?>("--limit") { Description = "Most events to send (default: all rows; required with --generator).", HelpName = "N" };
        var labels = new Option<bool>("--labels") { Description = "Include the spec's label column in each event." };
        var idPrefix = new Option<string>("--id-prefix")
        {
            Description = "Put before the row (or event) number to make each event id.",
            HelpName = "P",
            DefaultValueFactory = _ => "",
        };

        var command = new Command("produce",
            "Replay a CSV file, or a seeded stream with known drift, as JSON events on a Kafka topic, at a target rate. Prints a JSON summary on stdout.")
        {
            bootstrap, topic, spec, csv, generator, seed, driftAt, driftWidth, stationary, rate, skip, limit, labels, idPrefix,
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
                r.GetValue(idPrefix),
                r.GetValue(generator),
                r.GetValue(seed),
                r.GetValue(driftAt),
                r.GetValue(driftWidth),
                r.GetValue(stationary));
            return await Run(arguments, ct);
        }));
        return command;
    }

    /// <summary>The produce arguments as given (before validation); the generator options are null when not given.</summary>
    public sealed record ProduceArguments(
        string? BootstrapServers, string? Topic, string? Spec, string? Csv, double Rate, long Skip, long? Limit, bool Labels, string? IdPrefix,
        string? Generator = null, long? Seed = null, string? DriftAt = null, long? DriftWidth = null, bool Stationary = false);

    /// <summary>The generator's seed when <c>--seed</c> is not given.</summary>
    public const long DefaultSeed = 1;

    /// <summary>
    /// The spec file: <c>--spec</c>, or with a generator and no <c>--spec</c>, <c>specs/{generator}.json</c> under the
    /// repository root (found from the current directory or the executable).
    /// </summary>
    public static string? SpecPath(ProduceArguments a) =>
        !string.IsNullOrEmpty(a.Spec) ? a.Spec
        : CanonicalGenerator(a.Generator) is { } name ? BundledFiles.Spec(name)
        : null;

    /// <summary>The catalogue's spelling of a generator name given in any case; null when none is given or it is unknown.</summary>
    private static string? CanonicalGenerator(string? name) =>
        string.IsNullOrEmpty(name) ? null : GeneratorCatalog.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks the arguments; throws a <see cref="UsageException"/> naming the first bad option.</summary>
    /// <summary>The bootstrap servers when given as HOST:PORT[,HOST:PORT...]; otherwise a usage error naming <c>--bootstrap-servers</c>.</summary>
    public static string CheckBootstrapServers(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
            throw new UsageException($"--bootstrap-servers: required (or set {BootstrapServersVariable})");
        foreach (var server in servers.Split(','))
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new UsageException($"--bootstrap-servers: '{server}' is not HOST:PORT");
        }
        return servers;
    }

    /// <summary>The topic name when it is a valid Kafka topic name; otherwise a usage error naming <c>--topic</c>.</summary>
    public static string CheckTopic(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic)) throw new UsageException("--topic: must not be empty");
        if (topic.Length > 249 || topic.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            throw new UsageException($"--topic: '{topic}' is not a valid topic name (letters, digits, '.', '_', '-'; at most 249)");
        return topic;
    }

    public static void Validate(ProduceArguments a)
    {
        CheckBootstrapServers(a.BootstrapServers);
        CheckTopic(a.Topic);
        var hasCsv = !string.IsNullOrEmpty(a.Csv);
        var hasGenerator = !string.IsNullOrEmpty(a.Generator);
        if (hasCsv == hasGenerator)
            throw new UsageException(hasCsv
                ? "--csv, --generator: give only one of them, a CSV file to replay or a generator"
                : $"--csv, --generator: one of them is required, a CSV file to replay or a generator ({string.Join(", ", GeneratorCatalog.Names)})");
        if (hasGenerator && CanonicalGenerator(a.Generator) is null)
            throw new UsageException($"--generator: unknown generator '{a.Generator}'; one of {string.Join(", ", GeneratorCatalog.Names)}");

        var spec = SpecPath(a);
        if (string.IsNullOrEmpty(spec)) throw new UsageException("--spec: required with --csv");
        if (!File.Exists(spec))
            throw new UsageException(string.IsNullOrEmpty(a.Spec)
                ? $"--spec: not given, and the generator's default spec '{spec}' does not exist"
                : $"--spec: file '{spec}' does not exist");

        if (hasCsv)
        {
            if (!File.Exists(a.Csv)) throw new UsageException($"--csv: file '{a.Csv}' does not exist");
            if (a.Seed is not null) throw new UsageException("--seed: only with --generator");
            if (a.DriftAt is not null) throw new UsageException("--drift-at: only with --generator");
            if (a.DriftWidth is not null) throw new UsageException("--drift-width: only with --generator");
            if (a.Stationary) throw new UsageException("--stationary: only with --generator");
        }
        else
        {
            if (a.Limit is null) throw new UsageException("--limit: required with --generator (a generated stream is endless)");
            if (a.DriftWidth < 0) throw new UsageException($"--drift-width: must not be negative, not {a.DriftWidth}");
            if (a.Stationary && !string.IsNullOrWhiteSpace(a.DriftAt))
                throw new UsageException("--stationary: cannot be combined with --drift-at");
            if (a.DriftAt is not null) ScheduleOf(a);
        }
        if (!(a.Rate >= 0) || double.IsInfinity(a.Rate))
            throw new UsageException($"--rate: must be 0 (as fast as possible) or a positive number of events per second, not {a.Rate.ToString(CultureInfo.InvariantCulture)}");
        if (a.Skip < 0) throw new UsageException($"--skip: must not be negative, not {a.Skip}");
        if (a.Limit < 0) throw new UsageException($"--limit: must not be negative, not {a.Limit}");
        // Ids are at most 128 characters (EventDecoder.MaxIdLength); leave room for the row number.
        if (a.IdPrefix is { Length: > 100 }) throw new UsageException("--id-prefix: at most 100 characters");
    }

    /// <summary>The drift schedule of <c>--drift-at</c> and <c>--drift-width</c>; throws a <see cref="UsageException"/> naming <c>--drift-at</c>.</summary>
    private static DriftSchedule ScheduleOf(ProduceArguments a)
    {
        var name = CanonicalGenerator(a.Generator)!;
        if (a.DriftAt is not null && string.IsNullOrWhiteSpace(a.DriftAt))
            throw new UsageException("--drift-at: give one or more event indices, N[,M...]");
        try
        {
            return GeneratorCatalog.Schedule(name, a.DriftAt, a.DriftWidth ?? 0);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--drift-at: {e.Message}");
        }
    }

    /// <summary>
    /// The events the arguments (already <see cref="Validate">validated</see>) describe, read or generated as they
    /// are enumerated: the CSV file's rows, or the generator's events under the drift schedule, both after
    /// <c>--skip</c> and bounded by <c>--limit</c>. A generator's events carry its own feature names and the spec's
    /// label name, so the spec must name exactly the generator's features; each enumeration starts the stream anew.
    /// </summary>
    /// <exception cref="UsageException">The CSV file cannot be read or lacks a column, or the spec does not fit the generator.</exception>
    public static IEnumerable<EventRecord> Events(ProduceArguments a)
    {
        var spec = SpecLoader.Load(SpecPath(a)!);
        var idPrefix = a.IdPrefix ?? "";
        if (string.IsNullOrEmpty(a.Generator))
        {
            try
            {
                return new CsvEventSource(a.Csv!, spec, includeLabels: a.Labels, idPrefix: idPrefix, skip: a.Skip, take: a.Limit);
            }
            catch (Exception e) when (e is CsvFormatException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--csv: {e.Message}");
            }
        }

        var name = CanonicalGenerator(a.Generator)!;
        var seed = a.Seed ?? DefaultSeed;
        var schedule = a.Stationary ? DriftSchedule.Stationary : ScheduleOf(a);
        var continuous = !a.Stationary;
        CheckSpecFits(spec, GeneratorCatalog.Create(name, seed, schedule, continuous), name, SpecPath(a)!);
        return Generated(() => GeneratorCatalog.Create(name, seed, schedule, continuous), spec.Label.Name, a.Labels, idPrefix, a.Skip, a.Limit ?? long.MaxValue);
    }

    private static IEnumerable<EventRecord> Generated(Func<IStreamGenerator> create, string labelName, bool labels, string idPrefix, long skip, long take)
    {
        if (take == 0) yield break;
        var generator = create();
        var yielded = 0L;
        var index = 0L;
        foreach (var e in GeneratedEvents.ToEvents(generator, [.. generator.NumericNames], [.. generator.CategoricalNames], labelName, labels, idPrefix))
        {
            if (index++ < skip) continue;
            yield return e;
            if (++yielded >= take) yield break;
        }
    }

    private static void CheckSpecFits(PipelineSpec spec, IStreamGenerator generator, string name, string specPath)
    {
        var made = generator.NumericNames.Select(n => (n, ColumnKind.Numeric))
            .Concat(generator.CategoricalNames.Select(n => (n, ColumnKind.Categorical)))
            .ToHashSet();
        var named = spec.Features.Select(f => (f.Name, f.Kind)).ToHashSet();
        if (!made.SetEquals(named))
            throw new UsageException($"--spec: '{specPath}' does not fit the {name} generator, which makes "
                + string.Join(", ", made.Select(f => $"{f.Item1} ({f.Item2})")) + "; the spec names "
                + string.Join(", ", named.Select(f => $"{f.Item1} ({f.Item2})")));
        if (made.Any(f => f.Item1 == spec.Label.Name))
            throw new UsageException($"--spec: the label '{spec.Label.Name}' is also one of the {name} generator's features");
    }

    private static async Task<int> Run(ProduceArguments a, CancellationToken ct)
    {
        Validate(a);
        var source = Events(a);

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
