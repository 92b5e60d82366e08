using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Jobs;
using Flywheel.Server.Security;
using Flywheel.UseCases;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Retraining;

/// <summary>Asked to retrain: the endpoint whose labels to use (default: data.production.endpoint, else the use case), whether to shadow the candidate, and training overrides.</summary>
public sealed record RetrainJobRequest(string? Endpoint = null, bool? Shadow = null, double? BudgetSeconds = null, int? MaxTrials = null, int? Seed = null);

public sealed record ComparisonList(IReadOnlyList<ModelComparison> Comparisons);

/// <summary>
/// Retraining: <c>POST /api/v1/use-cases/{name}/retrain-jobs</c> (Deploy) starts a <see cref="RetrainJob"/> and
/// answers 202 with the job; the comparisons it stores are read at <c>/api/v1/comparisons/{id}</c> and
/// <c>/api/v1/use-cases/{name}/comparisons</c> (Read); a shadowed candidate's answers are compared with the
/// champion's at <c>/api/v1/endpoints/{name}/shadow-comparison</c> (Read). Promotion and rollback are the registry's routes.
/// </summary>
public static class Retraining
{
    public static void AddServices(WebApplicationBuilder builder)
    {
    }

    public static IEndpointRouteBuilder MapRetraining(this IEndpointRouteBuilder app)
    {
        var useCases = app.MapGroup("/api/v1/use-cases").WithTags("Retraining");
        useCases.MapPost("/{name}/retrain-jobs", SubmitAsync).Requires(Permission.Deploy).WithName("SubmitRetrainJob")
            .WithSummary("Retrains on the data plus the labelled production rows and compares the candidate with the champion on a fresh holdout; 202 with the job")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        useCases.MapGet("/{name}/comparisons", ListAsync).Requires(Permission.Read).WithName("ListComparisons")
            .WithSummary("A use case's challenger-vs-champion comparisons, newest first").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/comparisons/{id:guid}", GetAsync).Requires(Permission.Read).WithTags("Retraining").WithName("GetComparison")
            .WithSummary("One comparison: both models' metrics on the holdout and the value per day added with its 95% interval")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ShadowComparisonRoutes.Map(app);
        ProductionDatasetRoutes.Map(app);
        return app;
    }

    /// <summary>The folder of the served use case named <paramref name="name"/>, or a 404 naming the ones served.</summary>
    internal static (string Folder, UseCase UseCase) Find(ServerStore store, string name)
    {
        var served = new List<string>();
        foreach (var folder in store.Options.UseCases)
        {
            try
            {
                var useCase = UseCaseLoader.Load(Path.GetFullPath(folder), new UseCaseOptions(store.Options.DataRoots));
                if (useCase.Name == name) return (Path.GetFullPath(folder), useCase);
                served.Add(useCase.Name);
            }
            catch (InputException)
            {
                // A use case that does not load is not served under any name.
            }
        }
        throw new NotFoundException($"this server serves no use case '{name}'; it serves: {string.Join(", ", served)}", "use case");
    }

    private static async Task<Accepted<JobView>> SubmitAsync(string name, RetrainJobRequest? request, ServerStore store, JobStore jobs,
        IBackgroundJobClient queue, HttpContext http, CancellationToken cancellation)
    {
        request ??= new RetrainJobRequest();
        if (request.BudgetSeconds is { } budget && (!double.IsFinite(budget) || budget <= 0 || budget > 24 * 3600))
            throw new InputException($"budgetSeconds is the training budget in seconds, more than 0 and at most a day, not {budget}", "budgetSeconds");
        if (request.MaxTrials is < 1) throw new InputException($"maxTrials is at least 1, not {request.MaxTrials}", "maxTrials");
        if (request.Endpoint is { } endpoint && string.IsNullOrWhiteSpace(endpoint)) throw new InputException("endpoint is empty; name an endpoint or leave it out", "endpoint");
        var (folder, useCase) = Find(store, name);
        if (useCase.Data?.Target is null) throw new InputException($"use case '{name}' declares no data.target; there is nothing to retrain", "name");
        var spec = new RetrainJobSpec(useCase.Name, folder, request.Endpoint, request.Shadow ?? false, request.BudgetSeconds, request.MaxTrials, request.Seed);
        var job = await jobs.SubmitAsync(RetrainJob.Kind, Caller.Actor(http.User), JsonSerializer.Serialize(spec, BatchTransformJob.Json), null, cancellation);
        var hangfireId = queue.Enqueue<RetrainJob>(runner => runner.RunAsync(job.Id, CancellationToken.None));
        await jobs.SetHangfireIdAsync(job.Id, hangfireId, cancellation);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobView.From(await jobs.GetAsync(job.Id, cancellation)));
    }

    private static async Task<Ok<ComparisonList>> ListAsync(string name, ServerStore store, CancellationToken cancellation)
    {
        Find(store, name);
        return TypedResults.Ok(new ComparisonList(await new Comparisons(store.Store).ListAsync(name, cancellation)));
    }

    private static async Task<Ok<ModelComparison>> GetAsync(Guid id, ServerStore store, CancellationToken cancellation) =>
        TypedResults.Ok(await new Comparisons(store.Store).GetAsync(id, cancellation));
}
