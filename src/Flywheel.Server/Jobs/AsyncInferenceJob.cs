using System.Text.Json;
using Flywheel.Operate.Async;
using Flywheel.Operate.Batch;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Webhooks;
using Flywheel.Storage;

namespace Flywheel.Server.Jobs;

/// <summary>
/// The Hangfire job of one async invocation: expired requests and failures write the failure document, a success
/// writes the result (both atomically, in the artifact store); then every webhook of the request and its endpoint is
/// notified, signed, with retries and each attempt in the job's log.
/// </summary>
public sealed class AsyncInferenceJob(ServerStore store, JobsOptions options, CallbackSecret callbackSecret, WebhookSender webhooks,
    TimeProvider clock, ILogger<AsyncInferenceJob> logger)
{
    public Task RunAsync(Guid jobId, CancellationToken cancellation)
    {
        var jobs = new JobStore(store.Store);
        return JobRunner.RunAsync(jobs, jobId, options.Retries + 1, async context =>
        {
            var job = await jobs.GetAsync(jobId, context.Cancellation);
            var invocation = JsonSerializer.Deserialize<AsyncInvocation>(job.Parameters, BatchTransformJob.Json)!;
            try
            {
                var result = await ScoreAsync(invocation, context);
                await NotifyAsync(invocation, context, succeeded: true, null);
                return result;
            }
            catch (Exception error) when (error is FlywheelException or TimeoutException)
            {
                var (code, element) = error switch
                {
                    TimeoutException => (AsyncFailure.Timeout, null),
                    InputException input => (AsyncFailure.Validation, Problems.Element(input)),
                    FlywheelException known => (known.Kind.ToString(), Problems.Element(known)),
                    _ => (AsyncFailure.ModelError, null),
                };
                var message = error is FlywheelException flywheel ? flywheel.Describe() : error.Message;
                var failure = new AsyncFailure(invocation.InferenceId, AsyncNotification.Failed, code, message, element, clock.GetUtcNow());
                OutputTarget.File(invocation.FailurePath).Write(stream => stream.Write(failure.ToJson()));
                await NotifyAsync(invocation, context, succeeded: false, message);
                // Failed for good (a retry would expire or fail the same way): the runner records it and does not retry.
                throw error as FlywheelException ?? new InputException(message, "X-Amzn-SageMaker-InvocationTimeoutSeconds", inner: error);
            }
        }, logger, cancellation);
    }

    private async Task<(JobProgress, string?)> ScoreAsync(AsyncInvocation invocation, JobContext context)
    {
        if (clock.GetUtcNow() > invocation.ExpiresAt)
            throw new TimeoutException($"the request expired at {invocation.ExpiresAt:O} (X-Amzn-SageMaker-RequestTTLSeconds) before a worker took it");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(invocation.InvocationTimeoutSeconds));
        try
        {
            var (model, version) = await BatchTransformJob.LoadAsync(store.Store, invocation.Model, timeout.Token);
            context.Log($"scoring inference {invocation.InferenceId} with {version}");
            var summary = await Task.Run(() => BatchTransform.Run(model, invocation.InputPath, OutputTarget.File(invocation.OutputPath, invocation.InputPath),
                invocation.Settings, context.Report, timeout.Token), timeout.Token);
            return (new JobProgress(summary.Rows, summary.Rows, summary.RowsPerSecond), invocation.OutputPath);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.Cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"the invocation took longer than {invocation.InvocationTimeoutSeconds} s (X-Amzn-SageMaker-InvocationTimeoutSeconds)");
        }
    }

    private async Task NotifyAsync(AsyncInvocation invocation, JobContext context, bool succeeded, string? reason)
    {
        var targets = new List<WebhookTarget>();
        if (invocation.CallbackUrl is { } url) targets.Add(new WebhookTarget(new Uri(url), callbackSecret.Value));
        if (options.EndpointWebhooks.TryGetValue(invocation.Endpoint, out var endpoint)) targets.Add(endpoint);
        if (targets.Count == 0) return;
        var body = AsyncNotification.Body(invocation, succeeded, AsyncLocations.Output(invocation.InferenceId), AsyncLocations.Failure(invocation.InferenceId), reason, clock.GetUtcNow());
        foreach (var target in targets)
        {
            var attempts = await webhooks.SendAsync(target, "async-inference." + (succeeded ? "completed" : "failed"), body,
                attempt => context.Log($"webhook {target.Url} attempt {attempt.Number}: {(attempt.Status is { } status ? $"HTTP {status}" : attempt.Error)}",
                    attempt.Delivered ? LogLevel.Information : LogLevel.Warning), context.Cancellation);
            if (!attempts[^1].Delivered) context.Log($"webhook {target.Url} not delivered after {attempts.Count} attempts", LogLevel.Error);
        }
    }
}

/// <summary>Where an async invocation's input, result and failure document live: the API's URLs and the files in the artifact store.</summary>
public static class AsyncLocations
{
    public static string Output(string inferenceId) => $"/api/v1/async-results/{inferenceId}";

    public static string Failure(string inferenceId) => $"/api/v1/async-results/{inferenceId}/failure";

    public static string Folder(MetadataStore store, string inferenceId) => Path.Combine(store.Artifacts.Root, "async", inferenceId);
}
