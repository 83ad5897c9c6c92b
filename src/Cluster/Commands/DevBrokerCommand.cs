using System.CommandLine;
using StreamMl.Streams.DevBroker;

namespace StreamMl.Cluster.Commands;

/// <summary>The <c>dev-broker</c> verb: a Kafka-protocol broker on 127.0.0.1 for development and tests.</summary>
public static class DevBrokerCommand
{
    /// <summary>The topics a dev broker creates when none are named.</summary>
    public static readonly string[] DefaultTopics =
        ["streamml.events:4", "streamml.labels:4", "streamml.predictions:4", "streamml.alerts:1", "streamml.deadletter:1", "streamml.learning:1"];

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 = any free port).", DefaultValueFactory = _ => 9092 };
        var topics = new Option<string[]>("--topic")
        {
            Description = "Topic to create, NAME:PARTITIONS; repeatable. Default: the six streamml.* topics.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("dev-broker", "Host librdkafka's in-memory mock Kafka cluster on 127.0.0.1 (development and tests only; not a real broker).")
        {
            port,
            topics,
        };
        command.SetAction((result, ct) => CommandRunner.Run(async () =>
        {
            var options = new DevBrokerOptions { Port = Port(result.GetValue(port)), Topics = Topics(result.GetValue(topics)) };
            using var broker = MockKafkaCluster.Start(options);
            Console.WriteLine(broker.BootstrapServers);
            await Console.Error.WriteLineAsync($"dev broker on {broker.BootstrapServers} with topics {string.Join(", ", broker.Topics)}; stop with Ctrl+C or SIGTERM");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        }));
        return command;
    }

    private static int Port(int port) =>
        port is >= 0 and <= 65535 ? port : throw new UsageException($"--port: {port} is not a port number (0-65535)");

    public static IReadOnlyList<TopicSpec> Topics(string[]? values)
    {
        var given = values is { Length: > 0 } ? values : DefaultTopics;
        return given.Select(v => TopicSpec.TryParse(v, out var spec, out var error) ? spec : throw new UsageException($"--topic: {error}")).ToArray();
    }
}
