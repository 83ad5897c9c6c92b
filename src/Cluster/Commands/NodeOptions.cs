using System.CommandLine;
using StreamMl.Cluster.Hosting;

namespace StreamMl.Cluster.Commands;

/// <summary>The command-line options of a node, mapped onto configuration keys of <see cref="NodeSettings"/>.</summary>
public sealed class NodeOptions
{
    private readonly List<(Option Option, string Key)> _scalars = [];
    private readonly List<(Option<string[]> Option, string Key)> _lists = [];

    public NodeOptions()
    {
        Scalar<string>("--spec", "Spec", "Pipeline spec file (JSON).");
        Scalar<string>("--model", "Model", "Model artifact (zip with its .manifest.json beside it).");
        Scalar<string>("--data-dir", "DataDirectory", "Directory for the node's files (default data/node).");
        Scalar<string>("--bootstrap-servers", "Kafka:BootstrapServers", "Kafka bootstrap servers, host:port[,host:port].");
        Scalar<string>("--group-id", "Kafka:GroupId", "Kafka consumer group of the ingestion (default streamml).");
        Scalar<string>("--persistence", "Persistence:Provider", "sqlite (default) or postgresql.");
        Scalar<string>("--connection-string", "Persistence:ConnectionString", "Database connection string (visible in ps: prefer --connection-string-file).");
        Scalar<string>("--connection-string-file", "Persistence:ConnectionStringFile", "A file holding the database connection string (a mounted secret).");
        Scalar<string>("--admin-token-file", "Admin:TokenFile", "A file holding the admin token that promote, roll back and retrain require.");
        Scalar<string>("--cluster-host", "Cluster:Hostname", "Host name other nodes reach this one by (default 127.0.0.1).");
        Scalar<int>("--cluster-port", "Cluster:Port", "Akka remoting port (default 4053).");
        List("--seed-nodes", "Cluster:SeedNodes", "Seed node addresses akka.tcp://streamml@host:port (default: this node).");
        List("--roles", "Cluster:Roles", "Node roles: ingest, slices, trainer, admin (default all).");
        Scalar<string>("--admin-urls", "Admin:Urls", "Admin endpoint address (default http://127.0.0.1:8080).");
    }

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _scalars) command.Options.Add(option);
        foreach (var (option, _) in _lists) command.Options.Add(option);
    }

    /// <summary>The options given on the command line, as configuration overrides.</summary>
    public Dictionary<string, string?> Overrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (option, key) in _scalars)
            if (result.GetResult(option) is { Implicit: false } r)
                overrides[$"{NodeSettings.Section}:{key}"] = Convert.ToString(r.GetValueOrDefault<object>(), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (option, key) in _lists)
            if (result.GetValue(option) is { Length: > 0 } values)
            {
                var items = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                for (var i = 0; i < items.Length; i++) overrides[$"{NodeSettings.Section}:{key}:{i}"] = items[i];
            }
        return overrides;
    }

    private void Scalar<T>(string name, string key, string description) =>
        _scalars.Add((new Option<T>(name) { Description = description }, key));

    private void List(string name, string key, string description) =>
        _lists.Add((new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = true }, key));
}
