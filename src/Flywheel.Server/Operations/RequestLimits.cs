using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Flywheel.Server.Operations;

/// <summary>
/// Request limits: a body limit per route (1 MB for the JSON API, 6 MB — SageMaker's real-time limit — for routes ending
/// in <c>invocations</c>, or what a route declares with <c>.WithMetadata(new RequestSizeLimitAttribute(bytes))</c> /
/// <c>DisableRequestSizeLimit()</c>), a 60 s answer deadline (SageMaker's; a route may set its own with
/// <c>.WithRequestTimeout</c>), and a malformed body as a 400 problem naming the JSON element instead of an empty 400.
/// </summary>
public static class RequestLimits
{
    public const long ApiBodyBytes = 1024 * 1024;
    public const long InvocationBodyBytes = 6 * 1024 * 1024;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = Timeout,
            WriteTimeoutResponse = context => Problems.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Timeout",
                $"the request took longer than its {Timeout.TotalSeconds:0} s deadline"),
        });
    }

    public static void Use(WebApplication app)
    {
        app.UseRequestTimeouts();
        app.Use(LimitBodyAsync);
        app.Use(ExplainBadRequestsAsync);
    }

    /// <summary>The body limit of the route a request matched: what it declares, else by the kind of route.</summary>
    public static long? BodyLimit(Endpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared) return declared.MaxRequestBodySize;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "";
        return pattern.TrimEnd('/').EndsWith("invocations", StringComparison.OrdinalIgnoreCase) ? InvocationBodyBytes : ApiBodyBytes;
    }

    private static async Task LimitBodyAsync(HttpContext context, RequestDelegate next)
    {
        var limit = BodyLimit(context.GetEndpoint());
        if (limit is { } bytes && context.Request.ContentLength > bytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body has {context.Request.ContentLength:N0} bytes; this route takes at most {bytes:N0} bytes"), "body");
            return;
        }
        // A body without Content-Length (chunked) is cut off by the server when it passes the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    }

    private static async Task ExplainBadRequestsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            var (detail, element) = bad.InnerException is JsonException json
                ? ($"the body is not the JSON this route takes: {FirstSentence(json.Message)}", Element(json.Path))
                : (bad.Message, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body" : null);
            await Problems.WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", detail, element);
        }
    }

    // "$.expiresAt" → "expiresAt"; "$" (the whole body) → "body".
    private static string Element(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // JsonException messages end in "Path: … | LineNumber: …"; the element says where already.
    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
}
