using Akka.Actor;
using StreamMl.Cluster.Hosting;
using StreamMl.Cluster.Ingestion;
using StreamMl.Cluster.Telemetry;
using StreamMl.Core.Operations;
using StreamMl.Core.Serving;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// <c>/ready</c>, the readiness probe (a node that should get work: Up in the cluster, serving a model and holding
/// partitions when it ingests), apart from <c>/health</c>, the liveness probe; and <c>/metrics</c>, the Prometheus scrape.
/// </summary>
public static class OperatorProbes
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(WebApplication app)
    {
        app.MapGet("/ready", (ActorSystem system, NodeSettings settings, ModelHost models, IServiceProvider services) =>
        {
            var readiness = Readiness.Of(
                Akka.Cluster.Cluster.Get(system).SelfMember.Status.ToString(),
                settings.Cluster.EffectiveRoles.Contains(NodeRoles.Ingest),
                models.Current?.Champion.Version,
                services.GetService<IngestionService>()?.IsAssigned ?? false);
            return Results.Json(new { ready = readiness.Ready, reasons = readiness.Reasons, model = models.Current?.Champion.Version },
                statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (HttpContext context, IServiceProvider services) =>
        {
            if (services.GetService<NodeMetrics>() is not { } metrics)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new ErrorBody("metrics are off on this node (StreamMl:Metrics:Enabled is false)"), context.RequestAborted);
                return;
            }
            context.Response.ContentType = PrometheusContentType;
            await metrics.ExportAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
