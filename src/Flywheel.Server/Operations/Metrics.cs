using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Telemetry;
using OpenTelemetry.Metrics;

namespace Flywheel.Server.Operations;

/// <summary>
/// <c>GET /metrics</c> (Read): Prometheus text of the library's and the server's instruments (Meter "Flywheel": invocations
/// and their latency per endpoint and variant, rows, capture written and dropped, jobs, training and scoring), ASP.NET
/// Core's request metrics and the .NET runtime's, through OpenTelemetry's Prometheus exporter.
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static void AddServices(WebApplicationBuilder builder) => builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
        .AddMeter(FlywheelTelemetry.Name)
        .AddAspNetCoreInstrumentation()
        .AddRuntimeInstrumentation()
        .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));

    public static void Map(WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(Path).Requires(Permission.Read).WithDisplayName("Prometheus metrics");
}
