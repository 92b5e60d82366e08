using Flywheel.Operate.Review;
using Hangfire;

namespace Flywheel.Server.Review;

/// <summary>The recurring Hangfire job: every endpoint's new capture into the review queue.</summary>
public sealed class ReviewIntakeJob(ReviewIntakeRunner runner, ILogger<ReviewIntakeJob> logger)
{
    public const string RecurringId = "review-intake";

    // One run at a time across workers: a slow intake must not overlap the next minute's (the watermark update would refuse it anyway).
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellation)
    {
        var results = await runner.RunAllAsync(cancellation);
        var queued = results.Sum(r => r.ReviewBand + r.Sampled);
        if (queued > 0) logger.LogInformation("review intake queued {Items} items from {Rows} captured rows", queued, results.Sum(r => r.Rows));
    }
}

/// <summary>Registers <see cref="ReviewIntakeJob"/> as a minutely recurring job when the server runs jobs.</summary>
internal sealed class ReviewIntakeSchedule(JobStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new RecurringJobManager(storage).AddOrUpdate<ReviewIntakeJob>(ReviewIntakeJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
