using System.Globalization;

namespace StreamMl.Cluster.Commands;

/// <summary>The checks of the Kafka options the client verbs share (<c>produce</c>, <c>consume</c>).</summary>
public static class KafkaArguments
{
    /// <summary>The bootstrap servers when given as HOST:PORT[,HOST:PORT...]; otherwise a usage error naming <c>--bootstrap-servers</c>.</summary>
    public static string CheckBootstrapServers(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
            throw new UsageException($"--bootstrap-servers: required (or set {ProduceCommand.BootstrapServersVariable})");
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
}
