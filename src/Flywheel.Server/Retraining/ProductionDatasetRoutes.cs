using Flywheel.Operate.Access;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Production;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Security;
using Flywheel.Storage;

namespace Flywheel.Server.Retraining;

/// <summary>The labelled production dataset as <c>flywheel data production</c> builds it, and how much was left out.</summary>
public sealed record ProductionDatasetView(string Endpoint, string Target, DateTimeOffset? Since, DateTimeOffset? Until, int Rows,
    IReadOnlyDictionary<string, int> LabelCounts, ProductionSkips Skipped, string Fingerprint, IReadOnlyList<string> Columns,
    IEnumerable<IReadOnlyDictionary<string, object?>> Records);

/// <summary>
/// <c>GET /api/v1/endpoints/{name}/production-dataset?since=&amp;until=&amp;format=json|parquet|csv</c> (Read): the
/// endpoint's captured inputs joined to their labels (ground truth, then review decisions, then feedback) with the
/// library's <see cref="ProductionDatasetBuilder"/>, the same code as <c>flywheel data production</c>. Reading records
/// no dataset version (a GET changes nothing); the CLI and the retrain job record theirs.
/// </summary>
internal static class ProductionDatasetRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/endpoints/{name}/production-dataset", GetAsync).Requires(Permission.Read).WithTags("Retraining").WithName("GetProductionDataset")
            .WithSummary("The labelled production dataset of an endpoint (captured inputs + ground truth, review and feedback labels) as JSON, Parquet or CSV; since/until as 24h/7d or ISO 8601 (default data.production.since, else everything)")
            .Produces<ProductionDatasetView>().Produces(StatusCodes.Status200OK, contentType: "application/vnd.apache.parquet").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetAsync(string name, string? since, string? until, string? format, MonitoringHost host, TimeProvider clock,
        IServiceProvider services, CancellationToken cancellation)
    {
        var chosen = format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => "json",
            "parquet" or "csv" => format.Trim().ToLowerInvariant(),
            _ => throw new InputException($"format is json, parquet or csv, not '{format}'", "format"),
        };
        var (endpoint, useCase) = await host.ResolveAsync(name, cancellation);
        var now = clock.GetUtcNow();
        DateTimeOffset? from = string.IsNullOrWhiteSpace(since) ? (useCase.Data?.Production?.Since is { } window ? now - window : null) : MonitoringTimes.Parse(since, "since", now);
        DateTimeOffset? to = string.IsNullOrWhiteSpace(until) ? null : MonitoringTimes.Parse(until, "until", now);
        if (from is not null && to is not null && from >= to) throw new InputException($"since ({from:O}) must be before until ({to:O})", "since");
        var dataset = await new ProductionDatasetBuilder(host.Registry(endpoint), host.Capture, services.GetService<IHumanLabels>()).BuildAsync(name, from, to, cancellation);
        var file = $"{name}-production";
        return chosen switch
        {
            "parquet" => TypedResults.File(ProductionParquet.Bytes(dataset), "application/vnd.apache.parquet", file + ".parquet"),
            "csv" => TypedResults.Text(ProductionTable.Csv(dataset), "text/csv; charset=utf-8"),
            _ => TypedResults.Ok(new ProductionDatasetView(name, dataset.Target, from, to, dataset.Rows.Count, dataset.LabelCounts, dataset.Skips,
                dataset.Fingerprint(), ProductionTable.Header(dataset), ProductionTable.Records(dataset))),
        };
    }
}
