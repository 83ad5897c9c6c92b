using System.CommandLine;
using System.Text.Json;
using Confluent.Kafka;
using StreamMl.Streams.Generators;
using StreamMl.Streams.Replay;

namespace StreamMl.Cluster.Commands;

/// <summary>The `produce` verb: replays a CSV file, or a seeded stream generator, as events on a topic.</summary>
public static partial class ProduceCommand
{
    public const string BootstrapServersVariable = "STREAMML_BOOTSTRAP_SERVERS";

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

    private static async Task<int> Run(ProduceArguments a, CancellationToken ct)
    {
        Validate(a);
        var source = Events(a);

        var console = new ProduceConsole.ProgressConsole(interactive: !Console.IsErrorRedirected);
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

        var guarded = new ProduceConsole.StopOnError(source);
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
}
