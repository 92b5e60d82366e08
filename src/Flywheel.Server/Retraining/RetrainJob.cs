using System.Text.Json;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Jobs;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Server.Retraining;

/// <summary>What a retrain job was asked: the use case (its folder), the endpoint whose labels it uses, training overrides, and whether to shadow the candidate.</summary>
public sealed record RetrainJobSpec(string UseCase, string Folder, string? Endpoint, bool Shadow, double? BudgetSeconds, int? MaxTrials, int? Seed);

/// <summary>
/// The Hangfire job of a retrain: builds the production dataset, trains the challenger on the data plus the earlier
/// production rows, compares it with the champion on the fresh holdout and stores the comparison; the job's output
/// is the comparison's URL. With <c>shadow</c> the candidate then runs as the endpoint's shadow variant.
/// </summary>
public sealed class RetrainJob(ServerStore store, JobsOptions options, IServiceProvider services, ILogger<RetrainJob> logger)
{
    public const string Kind = JobKinds.Retrain;

    public Task RunAsync(Guid jobId, CancellationToken cancellation)
    {
        var jobs = new JobStore(store.Store);
        return JobRunner.RunAsync(jobs, jobId, options.Retries + 1, async context =>
        {
            var job = await jobs.GetAsync(jobId, context.Cancellation);
            var spec = JsonSerializer.Deserialize<RetrainJobSpec>(job.Parameters, BatchTransformJob.Json)!;
            var useCase = UseCaseLoader.Load(spec.Folder, new UseCaseOptions(store.Options.DataRoots));
            var train = new TrainRequest(spec.BudgetSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, spec.Seed, spec.MaxTrials)
            {
                StoreOptions = store.Options.StoreOptions,
            };
            var request = new RetrainRequest(spec.Endpoint)
            {
                CaptureRoot = store.Store.Artifacts.Root,
                HumanLabels = services.GetService<IHumanLabels>(),
                Actor = job.SubmittedBy,
            };
            var progress = new Progress<WorkflowProgress>(p => context.Log($"{p.Stage}: {p.Message}"));
            var outcome = await Retrain.RunAsync(useCase, train, request, progress, context.Cancellation);
            context.Log($"{outcome.Training.Version} trained with {outcome.AddedRows} production rows; compared on {outcome.HoldoutRows}: {outcome.Comparison.Verdict}");
            if (spec.Shadow)
            {
                await ShadowDeployment.DeployAsync(store.Store.Endpoints, spec.Endpoint ?? useCase.Data?.Production?.Endpoint ?? useCase.Name,
                    outcome.Training.Version, job.SubmittedBy, context.Cancellation);
                context.Log($"{outcome.Training.Version} now shadows the endpoint");
            }
            var rows = outcome.Dataset.Rows;
            return (new JobProgress(rows, rows, 0), $"/api/v1/comparisons/{outcome.Comparison.Id}");
        }, logger, cancellation);
    }
}
