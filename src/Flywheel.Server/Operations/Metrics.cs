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

    /// <summary>
    /// Runtime gauges whose names end in <c>.count</c>: Prometheus reserves <c>_count</c> for histograms and summaries,
    /// and <c>promtool check metrics</c> refuses them, so they are exported under these names.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Renamed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.thread_pool.work_item.count"] = "dotnet.thread_pool.work_items",
    };

    public static void AddServices(WebApplicationBuilder builder) => builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
    {
        metrics.AddMeter(FlywheelTelemetry.Name).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
        foreach (var (from, to) in Renamed)
            metrics.AddView(from, new MetricStreamConfiguration { Name = to });
        metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
    });

    public static void Map(WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(Path).Requires(Permission.Read).WithDisplayName("Prometheus metrics");
}
