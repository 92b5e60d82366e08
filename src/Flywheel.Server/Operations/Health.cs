using System.Text.Json.Serialization;
using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flywheel.Server.Operations;

/// <summary>One check in a health answer; the detailed report adds what it found.</summary>
public sealed record HealthCheckEntry(
    string Name,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DurationMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckEntry> Checks);

/// <summary>
/// Health and readiness through ASP.NET Core health checks: <c>store</c> here, <c>models</c> from inference, job storage
/// from jobs (each part registers its own with <c>AddHealthChecks().AddCheck…</c>). <c>GET /health</c> (anonymous, for
/// load balancers) answers 200 when every check is healthy or degraded, 503 otherwise, naming each check's status;
/// <c>GET /api/v1/health</c> (Read) adds descriptions, durations and errors.
/// </summary>
public static class Health
{
    public static void AddServices(WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");

    public static void Map(WebApplication app)
    {
        app.MapGet("/health", async (HealthCheckService health, CancellationToken ct) => Answer(await health.CheckHealthAsync(ct), detailed: false))
            .AllowAnonymous().WithTags("Operations").WithName("Health")
            .WithSummary("Readiness: 200 when the store, job storage and models are ready, else 503; each check's status (no key needed)")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/v1/health", async (HealthCheckService health, CancellationToken ct) => Answer(await health.CheckHealthAsync(ct), detailed: true))
            .Requires(Permission.Read).WithTags("Operations").WithName("HealthReport")
            .WithSummary("The detailed health report: each check's status, description, duration and error")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static JsonHttpResult<HealthResponse> Answer(HealthReport report, bool detailed)
    {
        var checks = report.Entries.Select(e => detailed
            ? new HealthCheckEntry(e.Key, Name(e.Value.Status), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 3), e.Value.Exception?.Message)
            : new HealthCheckEntry(e.Key, Name(e.Value.Status))).ToList();
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(new HealthResponse(Name(report.Status), checks), statusCode: status);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The store answers a query (a page of one audit entry: every table the server needs is in the same database).</summary>
internal sealed class StoreHealthCheck(ServerStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Store.QueryAuditAsync(new AuditQuery(Limit: 1), cancellationToken);
            return HealthCheckResult.Healthy($"{store.Store.Connection.Describe()} answers");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer", error);
        }
    }
}
