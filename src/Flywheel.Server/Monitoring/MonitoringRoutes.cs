using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Alerts;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Operate.Monitoring.Reporting;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Reports;
using Flywheel.Server.Jobs;
using Flywheel.Server.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Flywheel.Server.Monitoring;

/// <summary>A monitoring run as asked: every field optional (the window defaults to <c>monitoring.window</c> back from now).</summary>
public sealed record MonitoringRunRequest(string? Since, string? Until, string? Variant);

/// <summary>The monitoring routes. Each validates, authorizes, calls the library and maps the result; errors are problem documents naming the field.</summary>
internal static class MonitoringRoutes
{
    public const string Tag = "Monitoring";
    private const string Html = "text/html; charset=utf-8";

    public static void Map(WebApplication app)
    {
        var endpoint = app.MapGroup("/api/v1/endpoints/{name}/monitoring-runs").WithTags(Tag);
        endpoint.MapPost("", SubmitAsync).Requires(Permission.Deploy).WithName("StartMonitoringRun")
            .WithSummary("Starts a monitoring run of the endpoint's captured window (body optional: since, until as 24h/7d/30m or ISO 8601, variant); 202 with the job")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        endpoint.MapGet("", ListAsync).Requires(Permission.Read).WithName("ListMonitoringRuns")
            .WithSummary("The endpoint's monitoring runs, newest first (offset, limit ≤ 200)").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/monitoring-runs/{id:long}", GetAsync).Requires(Permission.Read).WithTags(Tag).WithName("GetMonitoringRun")
            .WithSummary("A monitoring run's report: JSON (the report), ?format=html or Accept: text/html (the HTML page), ?format=document (the page's document for the UI)")
            .Produces<MonitoringReport>().Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/alerts", AlertsAsync).Requires(Permission.Read).WithTags(Tag).WithName("ListAlerts")
            .WithSummary("Monitoring alerts, newest opened first, by endpoint and state (open, acknowledged, resolved)").ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapPost("/api/v1/alerts/{id:guid}/acknowledge", AcknowledgeAsync).Requires(Permission.Deploy).WithTags(Tag).WithName("AcknowledgeAlert")
            .WithSummary("Acknowledges an open alert (it stays until a run no longer finds it); audited").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/v1/use-cases/{name}/growth", GrowthAsync).Requires(Permission.Read).WithTags(Tag).WithName("GetGrowth")
            .WithSummary("The growth cycle of a served use case: usage, data, accuracy and KPI per day and version, and the three conditions (?format=html for the page)")
            .Produces<GrowthReport>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Accepted<JobView>> SubmitAsync(string name, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] MonitoringRunRequest? request,
        MonitoringHost host, JobStore jobs, IBackgroundJobClient queue, TimeProvider clock, HttpContext http, CancellationToken cancellation)
    {
        var job = await SubmitJobAsync(name, request, Caller.Actor(http.User), host, jobs, queue, clock, cancellation);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobView.From(job));
    }

    /// <summary>Checks the window and queues the run (the route's and the workspace's one way to start a monitoring job).</summary>
    internal static async Task<Job> SubmitJobAsync(string name, MonitoringRunRequest? request, string actor, MonitoringHost host, JobStore jobs,
        IBackgroundJobClient queue, TimeProvider clock, CancellationToken cancellation)
    {
        var (_, useCase) = await host.ResolveAsync(name, cancellation);
        MonitoringTimes.Window(request?.Since, request?.Until, useCase.MonitoringOrDefault.Window, clock.GetUtcNow()); // 400 now, not in the job
        var spec = new MonitoringJobSpec(name, request?.Since, request?.Until, request?.Variant);
        var job = await jobs.SubmitAsync(JobKinds.Monitoring, actor, JsonSerializer.Serialize(spec, BatchTransformJob.Json), null, cancellation);
        var hangfireId = queue.Enqueue<MonitoringRunJob>(runner => runner.RunAsync(job.Id, CancellationToken.None));
        await jobs.SetHangfireIdAsync(job.Id, hangfireId, cancellation);
        return await jobs.GetAsync(job.Id, cancellation);
    }

    private static async Task<Ok<MonitoringRunPage>> ListAsync(string name, int? offset, int? limit, MonitoringHost host, CancellationToken cancellation)
    {
        if (offset is < 0) throw new InputException($"offset must be 0 or more, not {offset}", "offset");
        if (limit is < 1 or > 200) throw new InputException($"limit must be between 1 and 200, not {limit}", "limit");
        await host.ResolveAsync(name, cancellation);
        return TypedResults.Ok(await host.Store.ListRunsAsync(name, offset ?? 0, limit ?? 50, cancellation));
    }

    private static async Task<IResult> GetAsync(long id, string? format, MonitoringHost host, HttpContext http, CancellationToken cancellation)
    {
        var run = await host.Store.GetRunAsync(id, cancellation);
        return Format(format, http) switch
        {
            "html" => TypedResults.Text(MonitoringReportDocument.Build(run.Report).ToHtml(), Html),
            "document" => TypedResults.Text(ReportJson.Serialize(MonitoringReportDocument.Build(run.Report)), "application/json"),
            _ => TypedResults.Ok(run.Report),
        };
    }

    private static async Task<Ok<IReadOnlyList<StoredAlert>>> AlertsAsync(string? endpoint, string? state, int? limit, MonitoringHost host, CancellationToken cancellation)
    {
        if (limit is < 1 or > 1000) throw new InputException($"limit must be between 1 and 1000, not {limit}", "limit");
        return TypedResults.Ok(await host.Store.ListAlertsAsync(endpoint, state, limit ?? 200, cancellation));
    }

    private static async Task<Ok<StoredAlert>> AcknowledgeAsync(Guid id, MonitoringHost host, HttpContext http, CancellationToken cancellation) =>
        TypedResults.Ok(await host.Store.AcknowledgeAsync(id, Caller.Actor(http.User), cancellation));

    private static async Task<IResult> GrowthAsync(string name, string? since, string? until, string? format, MonitoringHost host, IServiceProvider services, TimeProvider clock,
        HttpContext http, CancellationToken cancellation)
    {
        var (useCase, endpoints) = await host.UseCaseAsync(name, cancellation);
        var now = clock.GetUtcNow();
        DateTimeOffset? from = string.IsNullOrWhiteSpace(since) ? null : MonitoringTimes.Parse(since, "since", now);
        DateTimeOffset? to = string.IsNullOrWhiteSpace(until) ? null : MonitoringTimes.Parse(until, "until", now);
        var growth = await GrowthEvidence.BuildAsync(useCase, endpoints, host.Capture, services.GetService<Flywheel.Storage.IHumanLabels>(), host.Store, from, to, cancellation);
        return Format(format, http) switch
        {
            "html" => TypedResults.Text(GrowthSections.Document(growth).ToHtml(), Html),
            "document" => TypedResults.Text(ReportJson.Serialize(GrowthSections.Document(growth)), "application/json"),
            _ => TypedResults.Ok(growth),
        };
    }

    private static string Format(string? format, HttpContext http) => format switch
    {
        null when http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true) => "html",
        null or "json" => "json",
        "html" or "document" => format,
        _ => throw new InputException($"format is json, html or document, not '{format}'", "format"),
    };
}
