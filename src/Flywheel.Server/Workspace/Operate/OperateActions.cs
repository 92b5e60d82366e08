using Flywheel.Operate.Access;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Security;
using Flywheel.Server.Workspace.Session;
using Hangfire;
using Microsoft.AspNetCore.Mvc;

namespace Flywheel.Server.Workspace.Operate;

/// <summary>
/// The state changes of the operate pages, as form posts on the session (antiforgery-checked, each with its own
/// permission, so a forged post by a role without it is a 403 before anything runs). Each calls the code the API
/// route calls — <see cref="Promotions"/> for promote and rollback, the monitoring store's acknowledge, the monitoring
/// route's job submission — so the change and its audit entries are the API's. Then back to the page, saying what happened.
/// </summary>
public static class OperateActions
{
    public const string PromotePath = "/deployments/promote";
    public const string RollbackPath = "/deployments/rollback";

    public static void Map(WebApplication app)
    {
        app.MapPost(PromotePath, PromoteAsync).RequireAuthorization(WorkspaceSession.PagePolicy(Permission.Promote)).ExcludeFromDescription();
        app.MapPost(RollbackPath, RollbackAsync).RequireAuthorization(WorkspaceSession.PagePolicy(Permission.Promote)).ExcludeFromDescription();
        app.MapPost("/monitoring/alerts/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(WorkspaceSession.PagePolicy(Permission.Deploy)).ExcludeFromDescription();
        app.MapPost("/monitoring/{endpoint}/run", RunAsync).RequireAuthorization(WorkspaceSession.PagePolicy(Permission.Deploy)).ExcludeFromDescription();
    }

    private static async Task<IResult> PromoteAsync(HttpContext http, [FromForm] string? model, [FromForm] int? version, [FromForm] Guid? comparisonId,
        [FromForm] string? reason, ServerStore store, CancellationToken cancellation)
    {
        var name = model ?? "";
        try
        {
            var outcome = await new Promotions(store.Store).PromoteAsync(name, new PromotionRequest(version, comparisonId, reason), http.User.Actor(), cancellation, store.FindUseCase(name));
            return Back("/deployments", ("done", "promoted"), ("model", name), ("version", outcome.Approval.ToVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (FlywheelException error)
        {
            return Back("/deployments", ("confirm", "promote"), ("model", name), ("version", version?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("comparison", comparisonId?.ToString()), ("field", Problems.Element(error)), ("error", error.Describe()));
        }
    }

    private static async Task<IResult> RollbackAsync(HttpContext http, [FromForm] string? model, [FromForm] string? reason, ServerStore store, CancellationToken cancellation)
    {
        var name = model ?? "";
        try
        {
            var outcome = await new Promotions(store.Store).RollbackAsync(name, http.User.Actor(), reason, cancellation);
            return Back("/deployments", ("done", "rolled-back"), ("model", name), ("version", outcome.Approval.ToVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (FlywheelException error)
        {
            return Back("/deployments", ("confirm", "rollback"), ("model", name), ("field", Problems.Element(error)), ("error", error.Describe()));
        }
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext http, Guid id, [FromForm] string? endpoint, MonitoringHost host, CancellationToken cancellation)
    {
        var page = "/monitoring/" + Uri.EscapeDataString(endpoint ?? "");
        try
        {
            await host.Store.AcknowledgeAsync(id, http.User.Actor(), cancellation);
            return Back(page, ("done", "acknowledged"));
        }
        catch (FlywheelException error)
        {
            return Back(page, ("error", error.Describe()));
        }
    }

    private static async Task<IResult> RunAsync(HttpContext http, string endpoint, [FromForm] string? since, MonitoringHost host, JobStore jobs,
        IBackgroundJobClient queue, TimeProvider clock, CancellationToken cancellation)
    {
        var page = "/monitoring/" + Uri.EscapeDataString(endpoint);
        try
        {
            var job = await MonitoringRoutes.SubmitJobAsync(endpoint, new MonitoringRunRequest(string.IsNullOrWhiteSpace(since) ? null : since, null, null),
                http.User.Actor(), host, jobs, queue, clock, cancellation);
            return Back(page, ("job", job.Id.ToString()));
        }
        catch (FlywheelException error)
        {
            return Back(page, ("field", Problems.Element(error)), ("error", error.Describe()));
        }
    }

    private static IResult Back(string path, params (string Key, string? Value)[] query) =>
        TypedResults.LocalRedirect(path + QueryString.Create(query.Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))));
}
