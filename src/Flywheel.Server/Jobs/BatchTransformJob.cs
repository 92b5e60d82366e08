using System.Text.Json;
using Flywheel.Operate.Batch;
using Flywheel.Operate.Jobs;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;

namespace Flywheel.Server.Jobs;

/// <summary>
/// The Hangfire job of a batch transform. A retry (after a failure, or on another worker after this one was
/// killed) starts clean: the output is written to a temporary file and renamed only when every row is scored, so it
/// holds each row exactly once whichever attempt finishes.
/// </summary>
public sealed class BatchTransformJob(ServerStore store, JobsOptions options, ILogger<BatchTransformJob> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RunAsync(Guid jobId, CancellationToken cancellation)
    {
        var jobs = new JobStore(store.Store);
        return JobRunner.RunAsync(jobs, jobId, options.Retries + 1, async context =>
        {
            var job = await jobs.GetAsync(jobId, context.Cancellation);
            var spec = JsonSerializer.Deserialize<BatchTransformSpec>(job.Parameters, Json)!;
            var (model, version) = await LoadAsync(store.Store, spec.Model, context.Cancellation);
            context.Log($"scoring {spec.Input} with {version} into {spec.OutputPath}");
            var summary = BatchTransform.Run(model, spec.InputPath, OutputTarget.File(spec.OutputPath, spec.InputPath), spec.Settings, context.Report, context.Cancellation);
            return (new JobProgress(summary.Rows, summary.Rows, summary.RowsPerSecond), spec.OutputPath);
        }, logger, cancellation);
    }

    /// <summary>Loads the package a reference names (verifying its hash once per job) and says which version it is.</summary>
    public static async Task<(ScoringModel Model, string Version)> LoadAsync(MetadataStore store, string reference, CancellationToken cancellation)
    {
        var resolved = await new ModelCatalog(store).ResolveAsync(reference, cancellation);
        return (ScoringModel.Load(resolved.Package), resolved.Version?.Reference ?? resolved.Package.Path);
    }
}
