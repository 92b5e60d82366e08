using Flywheel.Operate.Access;
using Flywheel.Operate.Jobs;
using Flywheel.Server.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Jobs;

/// <summary>
/// The jobs feature: its services (<see cref="JobsServices"/>) and routes — the jobs list, a job, its log and its
/// cancel here; batch transform and uploads in <see cref="BatchTransformApi"/>, async inference in <see cref="AsyncInvocationsApi"/>.
/// </summary>
public static class JobsApi
{
    public static void AddServices(WebApplicationBuilder builder, ServerOptions options) => JobsServices.Add(builder.Services, options);

    public static WebApplication MapJobs(this WebApplication app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        jobs.MapGet("", ListAsync).Requires(Permission.Read).WithName("ListJobs")
            .WithSummary("Jobs, newest first; filter by kind (batch-transform, async-inference, monitoring, retrain) and state").ProducesValidationProblem();
        jobs.MapGet("/{id:guid}", GetAsync).Requires(Permission.Read).WithName("GetJob").WithSummary("One job: state, progress, parameters, output, error");
        jobs.MapGet("/{id:guid}/logs", LogsAsync).Requires(Permission.Read).WithName("GetJobLogs").WithSummary("A job's log lines, oldest first");
        jobs.MapPost("/{id:guid}/cancel", CancelAsync).Requires(Permission.Deploy).WithName("CancelJob")
            .WithSummary("Cancels a job: a queued one at once, a running one at its next row check (no output is left)");
        app.MapBatchTransform();
        app.MapAsyncInvocations();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<JobView>>, ProblemHttpResult>> ListAsync(JobStore store, string? kind, string? state, int? limit, CancellationToken cancellation)
    {
        if (limit is < 1 or > 1000) return (ProblemHttpResult)Problems.From(new InputException($"limit must be between 1 and 1000, not {limit}", "limit"));
        if (kind is not null && !JobKinds.All.Contains(kind))
            return (ProblemHttpResult)Problems.From(new InputException($"unknown job kind '{kind}'; one of {string.Join(", ", JobKinds.All)}", "kind"));
        JobState? wanted = state is null ? null : JobStates.Parse(state, "state");
        var jobs = await store.ListAsync(kind, wanted, limit ?? 200, cancellation);
        return TypedResults.Ok<IReadOnlyList<JobView>>(jobs.Select(JobView.From).ToList());
    }

    private static async Task<Ok<JobView>> GetAsync(JobStore store, Guid id, CancellationToken cancellation) =>
        TypedResults.Ok(JobView.From(await store.GetAsync(id, cancellation)));

    private static async Task<Ok<IReadOnlyList<JobLogView>>> LogsAsync(JobStore store, Guid id, CancellationToken cancellation) =>
        TypedResults.Ok<IReadOnlyList<JobLogView>>((await store.LogsAsync(id, cancellation)).Select(l => new JobLogView(l.Id, l.At, l.Level, l.Message)).ToList());

    private static async Task<Ok<JobView>> CancelAsync(JobStore store, IBackgroundJobClient queue, Guid id, HttpContext http, CancellationToken cancellation)
    {
        var job = await store.CancelAsync(id, Caller.Actor(http.User), cancellation);
        // A queued job leaves the queue now; a running one stops at its next row check (it looks at the store).
        if (job.State == JobState.Cancelled && job.HangfireId is { } queued) queue.Delete(queued);
        return TypedResults.Ok(JobView.From(job));
    }
}
