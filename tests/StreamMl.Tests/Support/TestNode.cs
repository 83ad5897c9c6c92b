using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;

namespace StreamMl.Tests.Support;

/// <summary>A real StreamMl node started in the test process, on free loopback ports.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestNode(WebApplication app, string adminUrl, int clusterPort)
    {
        _app = app;
        AdminUrl = adminUrl;
        ClusterPort = clusterPort;
        Http = new HttpClient { BaseAddress = new Uri(adminUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string AdminUrl { get; }
    public int ClusterPort { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;
    public IngestionService Ingestion => _app.Services.GetRequiredService<IngestionService>();

    public static string Address(int clusterPort) => $"akka.tcp://{NodeHost.SystemName}@127.0.0.1:{clusterPort}";

    /// <summary>Starts a node; <paramref name="settings"/> are StreamMl configuration keys (e.g. "Kafka:BootstrapServers").</summary>
    /// <param name="automaticRetraining">
    /// Whether the spec's retraining triggers stay as they are. By default only an operator retrains, so that a
    /// test's models change only when the test says so.
    /// </param>
    public static async Task<TestNode> Start(string dataDirectory, IDictionary<string, string?> settings, int? clusterPort = null,
        string? spec = null, string? model = null, bool automaticRetraining = false)
    {
        spec ??= RepoPaths.Spec("elec2.json");
        if (!automaticRetraining) spec = TestSpecs.OperatorRetrainingOnly(spec);
        var port = clusterPort ?? LocalNode.FreePort();
        var extra = settings.ToDictionary(s => $"StreamMl:{s.Key}", s => s.Value);
        extra["StreamMl:Cluster:Port"] = port.ToString();
        var (app, adminUrl) = LocalNode.Build(dataDirectory, spec, model == TestModels.None ? null : model ?? TestModels.ElecV1,
            settings.TryGetValue("Kafka:BootstrapServers", out var bootstrap) ? bootstrap! : "127.0.0.1:9", extra);
        await app.StartAsync();
        return new TestNode(app, adminUrl, port);
    }

    public async Task<JsonElement> GetJson(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>The value of an unlabelled metric in the node's <c>/metrics</c>; NaN when it has none.</summary>
    public async Task<double> Metric(string name) =>
        Operator.PrometheusText.Parse(await Http.GetStringAsync("/metrics"))[name].Value(name) ?? double.NaN;

    /// <summary>Graceful stop: ingestion drains and commits, then the actor system leaves the cluster.</summary>
    public async Task Stop()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        Http.Dispose();
    }
}
