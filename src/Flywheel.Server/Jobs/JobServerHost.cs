using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;

namespace Flywheel.Server.Jobs;

/// <summary>
/// Runs a Hangfire job server in this process (the server when <see cref="ServerOptions.RunJobs"/>, and
/// <c>flywheel worker</c>). Stopping it (SIGTERM) stops taking jobs and cancels the running ones' tokens; a job
/// that stops on its token goes back to the queue for another worker.
/// </summary>
internal sealed class JobServerHost(JobStorage storage, ServerOptions server, JobsOptions options, JobFilterCollection filters,
    IServiceScopeFactory scopes, ILogger<JobServerHost> logger) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = $"flywheel:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
            WorkerCount = Math.Max(1, server.WorkerCount),
            ShutdownTimeout = options.ShutdownTimeout,
            StopTimeout = options.ShutdownTimeout,
            Activator = new AspNetCoreJobActivator(scopes),
            FilterProvider = filters,
            SchedulePollingInterval = options.QueuePollInterval,
            CancellationCheckInterval = TimeSpan.FromSeconds(1),
        }, storage);
        logger.LogInformation("job server started with {Workers} workers", Math.Max(1, server.WorkerCount));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null) return;
        logger.LogInformation("job server stopping: running jobs are cancelled and go back to the queue");
        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();

    /// <summary>The filters every client and server of this process uses: retries with a limit, and Hangfire's bookkeeping.</summary>
    public static JobFilterCollection Filters(JobsOptions options)
    {
        var filters = new JobFilterCollection();
        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = options.Retries,
            DelaysInSeconds = [.. options.RetryDelays.Select(delay => (int)Math.Max(1, delay.TotalSeconds))],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        filters.Add(new StatisticsHistoryAttribute());
        filters.Add(new ContinuationsSupportAttribute());
        return filters;
    }
}
