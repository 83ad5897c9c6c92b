using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace StreamMl.Cluster.Admin;

/// <summary>
/// Every error the admin endpoint answers is JSON, <c>{"error":"…"}</c>: unknown routes (404), wrong methods (405),
/// headers or bodies over their limits (431, 413), a part of the cluster that is not there right now (503) and
/// failures nobody foresaw (500).
/// </summary>
public static class ErrorResponses
{
    /// <summary>The largest body an admin request may have (an event to explain, a promotion, a retraining request).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The most header bytes a request may carry; Kestrel's own limit, above it, refuses without a body.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's hard limits, set well above <see cref="MaxHeaderBytes"/> so that the JSON answer is the usual one.</summary>
    public static void ConfigureKestrel(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions options)
    {
        options.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
        options.Limits.MaxRequestHeaderCount = 1000;
        options.Limits.MaxRequestBodySize = MaxBodyBytes;
    }

    public static void Use(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteException });
        app.UseStatusCodePages(context => WriteStatus(context.HttpContext));
        app.Use(async (context, next) =>
        {
            var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
            if (headerBytes > MaxHeaderBytes)
            {
                await Write(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                    $"the request headers take {headerBytes} bytes; at most {MaxHeaderBytes} are accepted");
                return;
            }
            try
            {
                await next(context);
            }
            catch (UnavailableException e) when (!context.Response.HasStarted)
            {
                // An expected condition (a restarting registry, a moving slice), not a failure worth a stack trace in the log.
                await Write(context, StatusCodes.Status503ServiceUnavailable, e.Message);
            }
        });
    }

    private static Task WriteException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return error switch
        {
            UnavailableException e => Write(context, StatusCodes.Status503ServiceUnavailable, e.Message),
            BadHttpRequestException e => Write(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than {MaxBodyBytes} bytes" : e.Message),
            null => Write(context, StatusCodes.Status500InternalServerError, "internal error"),
            _ => Write(context, StatusCodes.Status500InternalServerError, $"internal error: {error.GetType().Name}: {error.Message}"),
        };
    }

    private static Task WriteStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"no such endpoint: {context.Request.Method} {context.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not take {context.Request.Method}",
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };
        return Write(context, status, message);
    }

    private static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message), ErrorJsonContext.Default.ErrorBody);
    }
}

/// <summary>The body of every error answer.</summary>
public sealed record ErrorBody(string Error);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
