using System.Text.Json;
using Flywheel.Operate.Jobs;
using Flywheel.Operate.Monitoring;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Server.Jobs;

namespace Flywheel.Server.Monitoring;

/// <summary>What a monitoring job was asked: the endpoint and the window as written (resolved when it runs).</summary>
public sealed record MonitoringJobSpec(string Endpoint, string? Since, string? Until, string? Variant);

/// <summary>
/// The Hangfire job of a monitoring run, on demand (<see cref="RunAsync"/>, a job record made by the route) or on the
/// endpoint's schedule (<see cref="RunScheduledAsync"/>, which makes its own record as <c>scheduler</c>). Progress is the
/// engine's fraction in hundredths; the job's output is the run's URL.
/// </summary>
public sealed class MonitoringRunJob(MonitoringHost host, JobStore jobs, JobsOptions options, TimeProvider clock, ILogger<MonitoringRunJob> logger)
{
    public const string SchedulerActor = "scheduler";

    public Task RunAsync(Guid jobId, CancellationToken cancellation) =>
        JobRunner.RunAsync(jobs, jobId, options.Retries + 1, async context =>
        {
            var job = await jobs.GetAsync(jobId, context.Cancellation);
            var spec = JsonSerializer.Deserialize<MonitoringJobSpec>(job.Parameters, BatchTransformJob.Json)!;
            var (endpoint, useCase) = await host.ResolveAsync(spec.Endpoint, context.Cancellation);
            var (from, to) = MonitoringTimes.Window(spec.Since, spec.Until, useCase.MonitoringOrDefault.Window, clock.GetUtcNow());
            context.Log($"monitoring {spec.Endpoint} over [{from:O}, {to:O})");
            var progress = new Progress(context);
            var outcome = await host.Service(endpoint).RunAsync(new MonitoringRequest(spec.Endpoint, useCase, from, to) { Variant = spec.Variant },
                job.SubmittedBy, progress, context.Cancellation);
            context.Log($"run {outcome.Run.Summary.Id}: {outcome.Report.Window.Rows} rows, {outcome.Changes.Opened.Count} alerts opened, {outcome.Changes.Resolved.Count} resolved");
            return (new JobProgress(100, 100, 0), $"/api/v1/monitoring-runs/{outcome.Run.Summary.Id}");
        }, logger, cancellation);

    /// <summary>The recurring job: a job record for this run, then the run (a schedule firing while the last run still runs just adds one).</summary>
    public async Task RunScheduledAsync(string endpoint, CancellationToken cancellation)
    {
        var job = await jobs.SubmitAsync(JobKinds.Monitoring, SchedulerActor, JsonSerializer.Serialize(new MonitoringJobSpec(endpoint, null, null, null), BatchTransformJob.Json), null, cancellation);
        await RunAsync(job.Id, cancellation);
    }

    private sealed class Progress(JobContext context) : IProgress<double>
    {
        private long _last = -1;

        public void Report(double value)
        {
            var percent = (long)Math.Clamp(Math.Round(value * 100), 0, 100);
            if (Interlocked.Exchange(ref _last, percent) == percent) return;
            context.Report(new JobProgress(percent, 100, 0));
        }
    }
}
