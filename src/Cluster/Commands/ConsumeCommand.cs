using System.CommandLine;
using System.Text.Json;
using StreamMl.Streams.Kafka;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>consume</c> verb: prints the records of a topic (predictions, alerts, dead letters, …) as JSON lines.</summary>
public static class ConsumeCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap-servers")
        {
            Description = $"Kafka bootstrap servers, HOST:PORT[,HOST:PORT...] (default: ${ProduceCommand.BootstrapServersVariable}).",
            HelpName = "HOST:PORT",
        };
        var topic = new Option<string>("--topic")
        {
            Description = "The topic to read (default streamml.predictions).",
            HelpName = "NAME",
            DefaultValueFactory = _ => "streamml.predictions",
        };
        var limit = new Option<long?>("--limit") { Description = "Stop after N records.", HelpName = "N" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new records until interrupted, instead of stopping at the end of the topic." };
        var fromEnd = new Option<bool>("--from-end") { Description = "With --follow: print only records that arrive from now on." };
        var command = new Command("consume",
            "Print the records of a StreamMl topic as JSON lines (topic, partition, offset, timestamp, key, headers, value), from the beginning to the end of every partition. Reads outside any consumer group and commits nothing.")
        {
            bootstrap, topic, limit, follow, fromEnd,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => CommandRunner.Run(() =>
        {
            var options = new TopicReadOptions
            {
                BootstrapServers = KafkaArguments.CheckBootstrapServers(r.GetValue(bootstrap) ?? Environment.GetEnvironmentVariable(ProduceCommand.BootstrapServersVariable)),
                Topic = KafkaArguments.CheckTopic(r.GetValue(topic)),
                Limit = r.GetValue(limit) is { } n ? (n > 0 ? n : throw new UsageException($"--limit: {n} must be positive")) : null,
                Follow = r.GetValue(follow),
                FromEnd = r.GetValue(fromEnd) ? (r.GetValue(follow) ? true : throw new UsageException("--from-end: only with --follow (without it there is nothing to print)")) : false,
            };
            return Task.FromResult(Print(options, Console.OpenStandardOutput(), ct));
        }));
        return command;
    }

    /// <summary>Writes one JSON line per record to <paramref name="output"/>; an unknown topic is a usage error naming <c>--topic</c>, a broker that does not answer a failure.</summary>
    public static int Print(TopicReadOptions options, Stream output, CancellationToken ct)
    {
        using var writer = new Utf8JsonWriter(output);
        try
        {
            foreach (var record in TopicReader.Read(options, ct))
            {
                RecordJson.Write(writer, record);
                writer.Flush();
                writer.Reset();
                output.WriteByte((byte)'\n');
                output.Flush();
            }
        }
        catch (TopicReadException e) when (e.UnknownTopic)
        {
            throw new UsageException($"--topic: {e.Message}");
        }
        catch (TopicReadException e)
        {
            throw new CommandFailedException(e.Message, e);
        }
        return 0;
    }
}
