using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using StreamMl.Actors.Registry;
using StreamMl.Actors.Retraining;
using StreamMl.Actors.Serving;
using StreamMl.Actors.Protocol;
using StreamMl.Cluster.Hosting;
using StreamMl.Core.Registry;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// The model endpoints: versions, their lineage, and the actions (promote, roll back, retrain), which
/// need the configured admin token as <c>Authorization: Bearer TOKEN</c>: none gives 401, a wrong one 403.
/// </summary>
public static class ModelEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    /// <summary>The longest reason an operator may give for a retraining request; it is journaled for good.</summary>
    public const int MaxReasonLength = 500;

    public static void Map(WebApplication app)
    {
        app.MapGet("/models", async (IRequiredActor<ModelRegistryProxy> registry, CancellationToken ct) =>
            Results.Json(await Ask<ModelsReply>(registry, GetModels.Instance, ct)));
        app.MapGet("/models/{version}", async (string version, bool? state, IRequiredActor<ModelRegistryProxy> registry, IServiceProvider services, CancellationToken ct) =>
            (await Ask<ModelReply>(registry, new GetModel(version), ct)).Model is { } model
                ? Results.Json(OnlineModelEndpoints.WithLearning(model, services, state == true))
                : UnknownVersion(version));
        app.MapGet("/models/{version}/lineage", async (string version, IRequiredActor<ModelRegistryProxy> registry, CancellationToken ct) =>
            (await Ask<LineageReply>(registry, new GetLineage(version), ct)).Steps is { } steps
                ? Results.Json(new { version, steps })
                : UnknownVersion(version));
        app.MapPost("/models/{version}/promote", Promote);
        app.MapPost("/models/rollback", RollBack);
        app.MapPost("/retrain", Retrain);
        app.MapGet("/retraining", async (IRequiredActor<RetrainingCoordinatorProxy> coordinator, CancellationToken ct) =>
            Results.Json(await Ask<RetrainingStatus>(coordinator, GetRetrainingStatus.Instance, ct)));
    }

    private static async Task<IResult> Promote(string version, HttpRequest request, NodeSettings settings, IRequiredActor<ModelRegistryProxy> registry, CancellationToken ct)
    {
        if (Authorize(request, settings) is { } denied) return denied;
        var (body, error) = await ReadBody(request, ct);
        if (error is not null) return error;
        var (mode, share, invalid) = ServingMode(body, ServingModes.Full);
        if (invalid is not null) return invalid;
        var result = await Ask<RegistryCommandResult>(registry, new PromoteModel(version, mode, share, By(request)), ct);
        return Answer(result);
    }

    /// <summary>A body's <c>{"mode": …, "share": …}</c>: how a version is to serve (<paramref name="defaultMode"/> when unsaid), or a 400 answer.</summary>
    internal static (string Mode, double Share, IResult? Error) ServingMode(JsonElement? body, string defaultMode)
    {
        var mode = defaultMode;
        var share = 0.0;
        foreach (var property in body?.EnumerateObject() ?? default)
        {
            switch (property.Name)
            {
                case "mode" when property.Value.ValueKind == JsonValueKind.String:
                    mode = property.Value.GetString()!;
                    break;
                case "share" when property.Value.ValueKind == JsonValueKind.Number:
                    share = property.Value.GetDouble();
                    break;
                default:
                    return (mode, share, BadRequest($"unexpected body property '{property.Name}' ({property.Value.ValueKind}); expected \"mode\" (string: {string.Join(", ", ServingModes.All)}) and, for a canary, \"share\" (number)"));
            }
        }
        if (mode != ServingModes.Canary && share != 0) return (mode, share, BadRequest($"\"share\" applies only to mode \"{ServingModes.Canary}\""));
        return (mode, share, null);
    }

    private static async Task<IResult> RollBack(HttpRequest request, NodeSettings settings, IRequiredActor<ModelRegistryProxy> registry, CancellationToken ct)
    {
        if (Authorize(request, settings) is { } denied) return denied;
        return Answer(await Ask<RegistryCommandResult>(registry, new RollBackModel(By(request)), ct));
    }

    private static async Task<IResult> Retrain(HttpRequest request, NodeSettings settings, IRequiredActor<RetrainingCoordinatorProxy> coordinator, CancellationToken ct)
    {
        if (Authorize(request, settings) is { } denied) return denied;
        var (body, error) = await ReadBody(request, ct);
        if (error is not null) return error;
        var reason = "operator request";
        if (body is { } json)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (property.Name == "reason" && property.Value.ValueKind == JsonValueKind.String) reason = property.Value.GetString()!;
                else return BadRequest($"unexpected body property '{property.Name}'; expected \"reason\" (string)");
            }
        }
        if (reason.Length > MaxReasonLength) return BadRequest($"\"reason\" has {reason.Length} characters; at most {MaxReasonLength} are kept");
        var status = await Ask<RetrainingStatus>(coordinator, new RequestRetraining(By(request), reason), ct);
        return Results.Json(status, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// 401 without a token, 403 with a wrong one, and 403 when the node has no token configured (actions are off).
    /// The scheme is case-insensitive, as HTTP authentication schemes are (RFC 9110, section 11.1).
    /// </summary>
    internal static IResult? Authorize(HttpRequest request, NodeSettings settings)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (string.IsNullOrEmpty(header))
            return Error(StatusCodes.Status401Unauthorized, "this action needs the admin token: send 'Authorization: Bearer TOKEN'");
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (token.Length == 0)
            return Error(StatusCodes.Status401Unauthorized, "the Authorization header must be 'Bearer TOKEN'");
        if (settings.Admin.Token is not { Length: > 0 } expected)
            return Error(StatusCodes.Status403Forbidden, "actions are disabled: the node has no admin token configured (StreamMl:Admin:Token)");
        var given = Encoding.UTF8.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(expected))
            ? null
            : Error(StatusCodes.Status403Forbidden, "the admin token is wrong");
    }

    internal static async Task<(JsonElement? Body, IResult? Error)> ReadBody(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, BadRequest("the body must be a JSON object"));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"the body is not valid JSON: {e.Message}"));
        }
    }

    private static IResult Answer(RegistryCommandResult result) => result.Refusal switch
    {
        null => Results.Json(result.Plan),
        { Kind: RegistryRefusal.NotFound } r => Error(StatusCodes.Status404NotFound, r.Message),
        { Kind: RegistryRefusal.Conflict } r => Error(StatusCodes.Status409Conflict, r.Message),
        { } r => BadRequest(r.Message),
    };

    internal static string By(HttpRequest request) => $"operator@{request.HttpContext.Connection.RemoteIpAddress}";

    private static async Task<T> Ask<T>(IRequiredActor<ModelRegistryProxy> registry, object message, CancellationToken ct) =>
        await ActorAsk.Ask<T>(await registry.GetAsync(ct), message, "the model registry", AskTimeout, ct);

    private static async Task<T> Ask<T>(IRequiredActor<RetrainingCoordinatorProxy> coordinator, object message, CancellationToken ct) =>
        await ActorAsk.Ask<T>(await coordinator.GetAsync(ct), message, "the retraining coordinator", AskTimeout, ct);

    internal static IResult UnknownVersion(string version) => Error(StatusCodes.Status404NotFound, $"there is no model version '{version}'");

    internal static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    internal static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
