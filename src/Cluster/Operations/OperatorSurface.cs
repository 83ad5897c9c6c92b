using Akka.Actor;
using StreamMl.Cluster.Admin;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Telemetry;
using StreamMl.Core.Operations;
using StreamMl.Streams.Ingestion;

namespace StreamMl.Cluster.Operations;

/// <summary>
/// Wires what operators see into a node: the slice directory, the metrics (when <c>StreamMl:Metrics:Enabled</c>),
/// the probes, the directory's endpoints and the dashboard.
/// </summary>
public static class OperatorSurface
{
    public static void AddServices(IServiceCollection services, NodeSettings settings)
    {
        services.AddSingleton<SliceDirectoryService>();
        services.AddHostedService(sp => sp.GetRequiredService<SliceDirectoryService>());
        if (!settings.Metrics.Enabled)
        {
            services.AddSingleton<IServingMetrics>(NoServingMetrics.Instance);
            services.AddSingleton(PipelineObservers.None);
            return;
        }
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<IServingMetrics, ServingMetrics>();
        services.AddSingleton(sp => PipelineObservers.For(sp.GetRequiredService<NodeMetrics>()));
        services.AddSingleton<NodeStateCollector>();
        services.AddHostedService<TelemetryStart>();
    }

    public static void Map(WebApplication app)
    {
        OperatorProbes.Map(app);
        SliceEndpoints.Map(app);
        Dashboard.DashboardEndpoints.Map(app);
    }

    /// <summary>Starts counting what the node's actors publish, before the ingestion starts slices.</summary>
    private sealed class TelemetryStart(ActorSystem system, NodeMetrics metrics, NodeStateCollector collector) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            collector.Register();
            system.ActorOf(TelemetrySubscriber.Props(metrics), TelemetrySubscriber.Name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The observers of the node's two pipelines: its metrics, or nobody when metrics are off.</summary>
public sealed record PipelineObservers(IPipelineObserver Events, IPipelineObserver Labels)
{
    public static readonly PipelineObservers None = new(NoPipelineObserver.Instance, NoPipelineObserver.Instance);

    public static PipelineObservers For(NodeMetrics metrics) => new(PipelineMetrics.Events(metrics), PipelineMetrics.Labels(metrics));
}
