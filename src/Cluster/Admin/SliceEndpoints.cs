using System.Globalization;
using StreamMl.Cluster.Operations;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// The slice directory's endpoints: the slices, their drift alarms, drift history and quality windows, and the model
/// timeline. They read the node's <see cref="SliceDirectoryService"/> only: no journal scan, no slice woken.
/// </summary>
public static class SliceEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app)
    {
        app.MapGet("/slices", ListSlices);
        app.MapGet("/slices/{id}/drift", async (string id, SliceDirectoryService directory, CancellationToken ct) =>
        {
            await RequireDirectory(directory, ct);
            return directory.Read((s, _) => s.History(id)) is { } history
                ? Results.Json(new { slice = id, signals = history.Select(h => new { at = h.At, h.Signal.Kind, h.Signal.Feature, h.Signal.Test, signal = h.Signal }) })
                : UnknownSlice(id);
        });
        app.MapGet("/slices/{id}/quality", async (string id, SliceDirectoryService directory, CancellationToken ct) =>
        {
            await RequireDirectory(directory, ct);
            return directory.Read((s, _) => s.Quality(id)) is { } windows ? Results.Json(new { slice = id, windows }) : UnknownSlice(id);
        });
        app.MapGet("/drift", async (HttpRequest request, SliceDirectoryService directory, CancellationToken ct) =>
        {
            await RequireDirectory(directory, ct);
            var alarmedOnly = request.Query["alarmed"] == "true";
            var slices = directory.Read((s, _) => s.Drift(alarmedOnly));
            return Results.Json(new { alarms = slices.Sum(s => s.Alarms.Count), slices });
        });
        app.MapGet("/drift/timeline", async (HttpRequest request, SliceDirectoryService directory, CancellationToken ct) =>
        {
            await RequireDirectory(directory, ct);
            if (Number(request, "limit", 50, 1, MaxLimit) is not { } limit) return BadNumber("limit", 1, MaxLimit);
            return Results.Json(new { slices = directory.Read((s, _) => s.Histories(limit)) });
        });
        app.MapGet("/models/timeline", async (HttpRequest request, SliceDirectoryService directory, CancellationToken ct) =>
        {
            await RequireDirectory(directory, ct);
            if (Number(request, "limit", 500, 1, Core.Operations.ModelTimeline.MaxSteps) is not { } limit)
                return BadNumber("limit", 1, Core.Operations.ModelTimeline.MaxSteps);
            return Results.Json(directory.Read((_, m) => new { steps = m.Steps(limit), runs = m.Runs }));
        });
    }

    /// <summary>
    /// <c>GET /slices?offset=0&amp;limit=100&amp;prefix=region=&amp;q=nsw</c>: a page of slices in id order, with the total
    /// matching count, each with its events at its last checkpoint and its alarm count.
    /// </summary>
    private static async Task<IResult> ListSlices(HttpRequest request, SliceDirectoryService directory, CancellationToken ct)
    {
        await RequireDirectory(directory, ct);
        if (Number(request, "offset", 0, 0, int.MaxValue) is not { } offset) return BadNumber("offset", 0, int.MaxValue);
        if (Number(request, "limit", DefaultLimit, 1, MaxLimit) is not { } limit) return BadNumber("limit", 1, MaxLimit);
        string? prefix = request.Query["prefix"], q = request.Query["q"];
        return Results.Json(directory.Read((s, _) => s.Page(prefix, q, offset, limit)));
    }

    /// <summary>503 until the directory has read the journal once (a node that just started); waits up to 10 s for it.</summary>
    public static async Task RequireDirectory(SliceDirectoryService directory, CancellationToken ct)
    {
        if (!await directory.WaitUntilCaughtUp(CatchUpWait, ct))
            throw new UnavailableException("the slice directory is still reading the journal (is the database reachable?); try again in a few seconds");
    }

    private static int? Number(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
    }

    private static IResult BadNumber(string name, int min, int max) =>
        Results.Json(new { error = $"'{name}' must be a whole number from {min} to {max}" }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult UnknownSlice(string id) => Results.Json(new { error = $"unknown slice '{id}'" }, statusCode: StatusCodes.Status404NotFound);
}
