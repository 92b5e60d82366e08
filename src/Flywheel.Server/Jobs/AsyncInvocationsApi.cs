using System.Text.Json;
using System.Text.RegularExpressions;
using Flywheel.Operate.Access;
using Flywheel.Operate.Async;
using Flywheel.Operate.Batch;
using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Webhooks;
using Flywheel.Server.Security;
using Hangfire;

namespace Flywheel.Server.Jobs;

public sealed record AsyncInvocationView(string InferenceId, string OutputLocation, string FailureLocation);

public sealed record AsyncPendingView(string InferenceId, string Status, Guid JobId);

/// <summary>
/// SageMaker's async inference: <c>POST /endpoints/{name}/async-invocations</c> with an input location
/// (<c>X-Amzn-SageMaker-InputLocation</c>: a path in the data roots or an upload id) or an inline body of at most
/// 6 MB → 202 with the inference id and where the result and failure document will be; the job runs on a worker.
/// </summary>
public static partial class AsyncInvocationsApi
{
    public const string InputLocationHeader = "X-Amzn-SageMaker-InputLocation", OutputLocationHeader = "X-Amzn-SageMaker-OutputLocation",
        FailureLocationHeader = "X-Amzn-SageMaker-FailureLocation", TtlHeader = "X-Amzn-SageMaker-RequestTTLSeconds",
        TimeoutHeader = "X-Amzn-SageMaker-InvocationTimeoutSeconds", InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id",
        CustomAttributesHeader = "X-Amzn-SageMaker-Custom-Attributes", CallbackHeader = "X-Flywheel-Callback-Url";

    public static void MapAsyncInvocations(this WebApplication app)
    {
        app.MapPost("/endpoints/{name}/async-invocations", InvokeAsync).Requires(Permission.Invoke).WithTags("Async inference").WithName("InvokeEndpointAsync")
            .WithSummary("Queues an inference on an input location or inline body; 202 with the inference id and output location")
            .Produces<AsyncInvocationView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        var results = app.MapGroup("/api/v1/async-results").WithTags("Async inference");
        results.MapGet("/{id}", ResultAsync).Requires(Permission.Invoke).WithName("GetAsyncResult")
            .WithSummary("The result (200), pending (202) or, when it failed, the failure document (424)")
            .Produces(StatusCodes.Status200OK, contentType: BatchTransformSettings.Csv).Produces<AsyncPendingView>(StatusCodes.Status202Accepted)
            .Produces<AsyncFailure>(StatusCodes.Status424FailedDependency);
        results.MapGet("/{id}/failure", FailureAsync).Requires(Permission.Invoke).WithName("GetAsyncFailure")
            .WithSummary("The failure document of a failed invocation").Produces<AsyncFailure>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> InvokeAsync(string name, HttpContext http, ServerStore store, JobStore jobs, DataPaths paths, IBackgroundJobClient queue,
        IServiceProvider services, TimeProvider clock, CancellationToken cancellation)
    {
        var request = http.Request;
        var endpoints = services.GetService<IEndpointModels>() ?? throw new NotFoundException($"no endpoint named '{name}': this server serves no endpoints", "endpoint");
        var ttl = AsyncInvocation.Seconds(request.Headers[TtlHeader], TtlHeader, AsyncInvocation.MinTtlSeconds, AsyncInvocation.MaxTtlSeconds, AsyncInvocation.DefaultTtlSeconds);
        var timeout = AsyncInvocation.Seconds(request.Headers[TimeoutHeader], TimeoutHeader, AsyncInvocation.MinTimeoutSeconds, AsyncInvocation.MaxTimeoutSeconds, AsyncInvocation.DefaultTimeoutSeconds);
        var callback = request.Headers[CallbackHeader].ToString() is { Length: > 0 } url ? WebhookTarget.ParseUrl(url, CallbackHeader).ToString() : null;
        var accept = AcceptOf(request.Headers.Accept.ToString());
        if (accept is null) return Problem(http, StatusCodes.Status406NotAcceptable, $"Accept '{request.Headers.Accept}' is not supported; one of {BatchTransformSettings.Csv}, {BatchTransformSettings.JsonLines}", "Accept");
        var inferenceId = request.Headers[InferenceIdHeader].ToString() is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        if (!InferenceId().IsMatch(inferenceId)) throw new InputException($"{InferenceIdHeader} must be 1–64 letters, digits, '.', '_' or '-'", InferenceIdHeader);
        var model = (await endpoints.ResolveAsync(name, request.Headers["X-Amzn-SageMaker-Target-Variant"].ToString() is { Length: > 0 } variant ? variant : null, cancellation)).Reference;

        var folder = AsyncLocations.Folder(store.Store, inferenceId);
        if (Directory.Exists(folder)) throw new ConflictException($"inference id '{inferenceId}' was used already", InferenceIdHeader);
        string inputPath;
        if (request.Headers[InputLocationHeader].ToString() is { Length: > 0 } location)
            inputPath = location.Length == 32 && location.All(Uri.IsHexDigit) ? Uploads.PathOf(store.Store, location, InputLocationHeader) : paths.Resolve(location, InputLocationHeader);
        else
        {
            var contentType = (request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
            if (contentType != BatchTransformSettings.Csv)
                return Problem(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported; async input is {BatchTransformSettings.Csv} with a header row", "Content-Type");
            Directory.CreateDirectory(folder);
            inputPath = Path.Combine(folder, "input.csv");
            if (!await SaveInlineAsync(request.Body, inputPath, cancellation))
            {
                Directory.Delete(folder, recursive: true);
                return Problem(http, StatusCodes.Status413PayloadTooLarge, $"an inline body holds at most {AsyncInvocation.MaxInlineBytes} bytes; upload larger inputs and name them in {InputLocationHeader}", "body");
            }
        }
        if (!File.Exists(inputPath)) throw new InputException($"no such input '{request.Headers[InputLocationHeader]}'", InputLocationHeader);
        Directory.CreateDirectory(folder);
        var invocation = new AsyncInvocation(inferenceId, name, model, inputPath, Path.Combine(folder, "output"), Path.Combine(folder, "failure.json"), accept,
            clock.GetUtcNow().AddSeconds(ttl), timeout, callback, request.Headers[CustomAttributesHeader].ToString() is { Length: > 0 } custom ? custom : null);
        var job = await jobs.SubmitAsync(JobKinds.AsyncInference, Caller.Actor(http.User), JsonSerializer.Serialize(invocation, BatchTransformJob.Json), invocation.OutputPath, cancellation);
        await File.WriteAllTextAsync(Path.Combine(folder, "job"), job.Id.ToString(), cancellation);
        var hangfireId = queue.Enqueue<AsyncInferenceJob>(runner => runner.RunAsync(job.Id, CancellationToken.None));
        await jobs.SetHangfireIdAsync(job.Id, hangfireId, cancellation);
        Telemetry.OperateTelemetry.Jobs.Add(1, new("kind", JobKinds.AsyncInference), new("state", "submitted"));
        var view = new AsyncInvocationView(inferenceId, AsyncLocations.Output(inferenceId), AsyncLocations.Failure(inferenceId));
        http.Response.Headers[OutputLocationHeader] = view.OutputLocation;
        http.Response.Headers[FailureLocationHeader] = view.FailureLocation;
        return TypedResults.Accepted(view.OutputLocation, view);
    }

    private static async Task<IResult> ResultAsync(string id, ServerStore store, JobStore jobs, CancellationToken cancellation)
    {
        var (job, invocation) = await FindAsync(id, store, jobs, cancellation);
        return job.State switch
        {
            JobState.Succeeded when File.Exists(invocation.OutputPath) => TypedResults.PhysicalFile(invocation.OutputPath, invocation.Accept),
            JobState.Queued or JobState.Running => TypedResults.Json(new AsyncPendingView(id, job.State.Name(), job.Id), statusCode: StatusCodes.Status202Accepted),
            _ when File.Exists(invocation.FailurePath) => TypedResults.File(await File.ReadAllBytesAsync(invocation.FailurePath, cancellation), "application/json") is var file
                ? new StatusResult(file, StatusCodes.Status424FailedDependency) : null!,
            _ => TypedResults.Json(new AsyncFailure(id, AsyncNotification.Failed, job.State.Name(), job.Error ?? $"the invocation was {job.State.Name()}", null, job.FinishedAt ?? DateTimeOffset.MinValue),
                statusCode: StatusCodes.Status424FailedDependency),
        };
    }

    private static async Task<IResult> FailureAsync(string id, ServerStore store, JobStore jobs, CancellationToken cancellation)
    {
        var (_, invocation) = await FindAsync(id, store, jobs, cancellation);
        return File.Exists(invocation.FailurePath) ? TypedResults.PhysicalFile(invocation.FailurePath, "application/json")
            : throw new NotFoundException($"inference '{id}' has no failure document", "inferenceId");
    }

    private static async Task<(Job Job, AsyncInvocation Invocation)> FindAsync(string id, ServerStore store, JobStore jobs, CancellationToken cancellation)
    {
        var marker = InferenceId().IsMatch(id) ? Path.Combine(AsyncLocations.Folder(store.Store, id), "job") : null;
        if (marker is null || !File.Exists(marker)) throw new NotFoundException($"no async inference with id '{id}'", "inferenceId");
        var job = await jobs.GetAsync(Guid.Parse(await File.ReadAllTextAsync(marker, cancellation)), cancellation);
        return (job, JsonSerializer.Deserialize<AsyncInvocation>(job.Parameters, BatchTransformJob.Json)!);
    }

    private static string? AcceptOf(string accept)
    {
        var types = accept.Split(',').Select(t => t.Split(';')[0].Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToList();
        if (types.Count == 0 || types.Contains("*/*") || types.Contains("text/*") || types.Contains(BatchTransformSettings.Csv)) return BatchTransformSettings.Csv;
        return types.Contains(BatchTransformSettings.JsonLines) ? BatchTransformSettings.JsonLines : null;
    }

    private static async Task<bool> SaveInlineAsync(Stream body, string path, CancellationToken cancellation)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
        {
            if ((bytes += read) > AsyncInvocation.MaxInlineBytes) return false;
            await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
        }
        return true;
    }

    private static IResult Problem(HttpContext http, int status, string detail, string element) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status switch { 406 => "Not acceptable", 413 => "Payload too large", _ => "Unsupported media type" },
            instance: http.Request.Path, extensions: new Dictionary<string, object?> { ["element"] = element });

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex InferenceId();

    /// <summary>A result answered with another status code (the failure document with 424).</summary>
    private sealed class StatusResult(IResult inner, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            return inner.ExecuteAsync(context);
        }
    }
}
