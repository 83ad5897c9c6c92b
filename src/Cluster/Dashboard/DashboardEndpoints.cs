using System.Reflection;

namespace StreamMl.Cluster.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: static files embedded in the executable (plain JavaScript and a vendored copy of uPlot),
/// which poll the node's read-only JSON endpoints. Reading it needs no token, and nothing it reads carries the admin
/// token or a connection string.
/// </summary>
public static class DashboardEndpoints
{
    private const string Prefix = "dashboard/";
    private static readonly Assembly Assembly = typeof(DashboardEndpoints).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        app.MapGet("/dashboard/{**file}", (string file, HttpContext context) => Serve(context, file));
    }

    private static async Task Serve(HttpContext context, string file)
    {
        var known = ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType) && !file.Contains("..", StringComparison.Ordinal);
        using var stream = known ? Assembly.GetManifestResourceStream(Prefix + file) : null;
        if (stream is null || contentType is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new Admin.ErrorBody($"no such dashboard file: {file}"), context.RequestAborted);
            return;
        }
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        // The page only reads this node's own endpoints: no other origin, no inline script.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
