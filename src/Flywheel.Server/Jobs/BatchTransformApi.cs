using System.Text.Json;
using Flywheel.Operate.Access;
using Flywheel.Operate.Batch;
using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Jobs;
using Flywheel.Registry;
using Flywheel.Server.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Flywheel.Server.Jobs;

/// <summary>A batch transform as submitted (SageMaker's knobs; <c>model</c> or <c>endpoint</c>, <c>input</c> or <c>upload</c>).</summary>
public sealed record BatchTransformRequest(
    string? Model, string? Endpoint, string? Input, string? Upload, string? SplitType, string? BatchStrategy, int? MaxPayloadInMB,
    string? ContentType, string? Accept, string? JoinSource, string? Output);

public sealed record UploadView(string Id, long Bytes, string Sha256);

/// <summary>Batch transform jobs and the uploads they may read.</summary>
public static class BatchTransformApi
{
    public static void MapBatchTransform(this WebApplication app)
    {
        var batch = app.MapGroup("/api/v1/batch-transform-jobs").WithTags("Jobs");
        batch.MapPost("", SubmitAsync).Requires(Permission.Deploy).WithName("SubmitBatchTransform")
            .WithSummary("Starts a batch transform of a file in the data roots or an upload; 202 with the job").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        batch.MapGet("/{id:guid}/output", OutputAsync).Requires(Permission.Read).WithName("GetBatchTransformOutput")
            .WithSummary("Downloads a finished transform's output").Produces(StatusCodes.Status200OK, contentType: BatchTransformSettings.Csv).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/v1/uploads", UploadAsync).Requires(Permission.Deploy).WithTags("Jobs").WithName("Upload")
            .WithSummary("Streams a request body (up to 1 GB) to the artifact store; its id names it as a batch or async input")
            .WithMetadata(new RequestSizeLimitAttribute(1L << 30)).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<Accepted<JobView>> SubmitAsync(BatchTransformRequest request, ServerStore store, JobStore jobs, DataPaths paths,
        IBackgroundJobClient queue, IServiceProvider services, HttpContext http, CancellationToken cancellation)
    {
        var settings = new BatchTransformSettings
        {
            SplitType = request.SplitType ?? "Line",
            BatchStrategy = request.BatchStrategy ?? "MultiRecord",
            MaxPayloadInMB = request.MaxPayloadInMB ?? 6,
            ContentType = request.ContentType ?? BatchTransformSettings.Csv,
            Accept = request.Accept ?? BatchTransformSettings.Csv,
            JoinSource = request.JoinSource ?? "Input",
        }.Validated();
        var model = await ModelOfAsync(request.Model, request.Endpoint, store, services, cancellation);
        if ((request.Input is null) == (request.Upload is null)) throw new InputException("name exactly one of 'input' (a path in the data roots) and 'upload' (an upload id)", "input");
        var inputPath = request.Input is { } input ? paths.Resolve(input, "input") : Uploads.PathOf(store.Store, request.Upload!, "upload");
        if (!File.Exists(inputPath)) throw new InputException($"no such input file '{request.Input}'", "input");
        var outputPath = request.Output is { } output ? paths.Resolve(output, "output")
            : request.Input is not null ? inputPath + ".out"
            : Path.Combine(store.Store.Artifacts.Root, "batch-outputs", $"{request.Upload}-{Guid.NewGuid():N}.out");
        if (outputPath == inputPath) throw new InputException("the output would overwrite the input", "output");
        var spec = new BatchTransformSpec(model, request.Endpoint, request.Input ?? $"upload:{request.Upload}", inputPath, outputPath, settings);
        var job = await jobs.SubmitAsync(JobKinds.BatchTransform, Caller.Actor(http.User), JsonSerializer.Serialize(spec, BatchTransformJob.Json), outputPath, cancellation);
        var hangfireId = queue.Enqueue<BatchTransformJob>(runner => runner.RunAsync(job.Id, CancellationToken.None));
        await jobs.SetHangfireIdAsync(job.Id, hangfireId, cancellation);
        Telemetry.OperateTelemetry.Jobs.Add(1, new("kind", JobKinds.BatchTransform), new("state", "submitted"));
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobView.From(await jobs.GetAsync(job.Id, cancellation)));
    }

    /// <summary>The reference the job scores with: the model as asked (checked now), or the version the endpoint serves now.</summary>
    internal static async Task<string> ModelOfAsync(string? model, string? endpoint, ServerStore store, IServiceProvider services, CancellationToken cancellation)
    {
        if ((model is null) == (endpoint is null)) throw new InputException("name exactly one of 'model' (name@alias or name:version) and 'endpoint'", "model");
        if (model is not null)
        {
            if (Path.IsPathRooted(model) || model.Contains('/')) throw new InputException($"'{model}' is not a model reference (name@alias or name:version)", "model");
            await new ModelCatalog(store.Store).ResolveAsync(model, cancellation);
            return model;
        }
        var endpoints = services.GetService<IEndpointModels>() ?? throw new NotFoundException($"no endpoint named '{endpoint}': this server serves no endpoints", "endpoint");
        return (await endpoints.ResolveAsync(endpoint!, null, cancellation)).Reference;
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> OutputAsync(Guid id, JobStore jobs, CancellationToken cancellation)
    {
        var job = await jobs.GetAsync(id, cancellation);
        if (job.Kind != JobKinds.BatchTransform) throw new NotFoundException($"job {id} is not a batch transform", JobStore.Subject(id));
        if (job.State != JobState.Succeeded || job.Output is null || !File.Exists(job.Output))
            throw new ConflictException($"job {id} is {job.State.Name()}; its output exists once it succeeded", JobStore.Subject(id));
        var spec = JsonSerializer.Deserialize<BatchTransformSpec>(job.Parameters, BatchTransformJob.Json)!;
        return TypedResults.PhysicalFile(job.Output, spec.Settings.Accept, Path.GetFileName(job.Output), enableRangeProcessing: true);
    }

    private static async Task<Created<UploadView>> UploadAsync(ServerStore store, JobsOptions options, HttpContext http, CancellationToken cancellation)
    {
        var (id, bytes, sha256) = await Uploads.SaveAsync(store.Store, http, options.MaxUploadBytes, cancellation);
        await store.Store.AuditAsync(Caller.Actor(http.User), "upload.create", $"upload:{id}", new { before = (string?)null, after = "stored", bytes, sha256 }, cancellation);
        return TypedResults.Created($"/api/v1/uploads/{id}", new UploadView(id, bytes, sha256));
    }
}
