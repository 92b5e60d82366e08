using Microsoft.Extensions.Logging;

namespace Flywheel.Operate.Jobs;

/// <summary>What a running job is handed: its id, where to report progress and log, and the token it must honour.</summary>
public sealed class JobContext(JobStore jobs, Guid id, CancellationTokenSource cancel, ILogger logger)
{
    public Guid Id => id;

    /// <summary>Cancelled when the job's cancel is asked (seen at the next progress report) or the worker shuts down.</summary>
    public CancellationToken Cancellation => cancel.Token;

    /// <summary>Records progress and looks whether a cancel was asked; called from the job's own thread every few thousand rows.</summary>
    public void Report(JobProgress progress)
    {
        jobs.ReportAsync(id, progress).GetAwaiter().GetResult();
        if (jobs.IsCancelRequestedAsync(id).GetAwaiter().GetResult()) cancel.Cancel();
    }

    public void Log(string message, LogLevel level = LogLevel.Information)
    {
        logger.Log(level, "job {Job}: {Message}", id, message);
        jobs.LogAsync(id, level.ToString(), message).GetAwaiter().GetResult();
    }
}

/// <summary>
/// Runs one attempt of a job and records how it ended. A cancel asked through the API ends it cancelled; a worker
/// shutting down puts it back to queued and rethrows so the job queue hands it to another worker; bad input
/// (<see cref="FlywheelException"/>) fails it at once, since a retry would fail the same way; any other error is
/// retried (rethrown) until <paramref name="maxAttempts"/> attempts are spent, then it fails with the error.
/// </summary>
public static class JobRunner
{
    public static async Task RunAsync(JobStore jobs, Guid id, int maxAttempts, Func<JobContext, Task<(Jobs.JobProgress Progress, string? Output)>> work,
        ILogger logger, CancellationToken shutdown)
    {
        if (!await jobs.StartAttemptAsync(id, CancellationToken.None))
        {
            var current = await jobs.GetAsync(id);
            if (current.CancelRequested && !current.IsFinished) await jobs.CancelledAsync(id);
            return;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        var context = new JobContext(jobs, id, cancel, logger);
        var attempt = (await jobs.GetAsync(id)).Attempts;
        context.Log($"attempt {attempt} started on {Environment.MachineName} (pid {Environment.ProcessId})");
        try
        {
            var (progress, output) = await Task.Run(() => work(context), cancel.Token);
            await jobs.SucceedAsync(id, progress, output);
            context.Log($"succeeded: {progress.RowsDone} rows at {progress.RowsPerSecond:0} rows/s");
        }
        catch (OperationCanceledException)
        {
            // Asked through the API first: a deletion in the job queue cancels the same token as a shutdown.
            if (await jobs.IsCancelRequestedAsync(id, CancellationToken.None))
            {
                await jobs.CancelledAsync(id);
                context.Log("cancelled; no output was written", LogLevel.Warning);
                return;
            }
            context.Log("the worker is stopping; the job goes back to the queue", LogLevel.Warning);
            await jobs.RequeueAsync(id, null);
            throw;
        }
        catch (FlywheelException error)
        {
            await jobs.FailAsync(id, error.Describe());
            context.Log($"failed: {error.Describe()}", LogLevel.Error);
        }
        catch (Exception error)
        {
            var message = $"{error.GetType().Name}: {error.Message}";
            if (attempt >= maxAttempts)
            {
                await jobs.FailAsync(id, message);
                context.Log($"failed after {attempt} attempts: {message}", LogLevel.Error);
                return;
            }
            context.Log($"attempt {attempt} failed, will retry: {message}", LogLevel.Warning);
            await jobs.RequeueAsync(id, message);
            throw;
        }
    }
}
