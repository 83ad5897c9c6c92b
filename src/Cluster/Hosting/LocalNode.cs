using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StreamMl.Cluster.Hosting;

/// <summary>
/// A single StreamMl node run inside another program (the demo, the benchmark): free loopback ports,
/// the node's log in <c>node.log</c> of its data directory, and the terminal left to the caller.
/// </summary>
public static class LocalNode
{
    /// <summary>Builds (does not start) a node on SQLite in <paramref name="dataDirectory"/>; <paramref name="extra"/> are further StreamMl:* keys.</summary>
    /// <param name="model">The batch model to start with; null for a spec whose model learns online.</param>
    public static (WebApplication App, string AdminUrl) Build(
        string dataDirectory, string spec, string? model, string bootstrapServers, IDictionary<string, string?>? extra = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var adminUrl = $"http://127.0.0.1:{FreePort()}";
        var overrides = new Dictionary<string, string?>
        {
            ["StreamMl:DataDirectory"] = dataDirectory,
            ["StreamMl:Spec"] = spec,
            ["StreamMl:Model"] = model,
            ["StreamMl:Kafka:BootstrapServers"] = bootstrapServers,
            ["StreamMl:Cluster:Port"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["StreamMl:Admin:Urls"] = adminUrl,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) overrides[key] = value;
        var app = NodeHost.Build(overrides, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(dataDirectory, "node.log")));
        });
        return (app, adminUrl);
    }

    /// <summary>A loopback port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
