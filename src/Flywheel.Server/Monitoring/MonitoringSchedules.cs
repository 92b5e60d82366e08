using Flywheel.UseCases;
using Hangfire;

namespace Flywheel.Server.Monitoring;

/// <summary>
/// Keeps one Hangfire recurring job per endpoint (id <c>monitoring:&lt;endpoint&gt;</c>) in line with its use case's
/// <c>monitoring.schedule</c>: <c>hourly</c> (default) → minute 0 of every hour, <c>daily</c> → 00:00 UTC, a five-field
/// cron as written (UTC), <c>never</c> → none. Run at start and every <see cref="MonitoringOptions.ScheduleRefresh"/>, so an
/// endpoint added, removed or re-pointed is picked up; a use case that fails to load keeps its previous schedule.
/// </summary>
internal sealed class MonitoringSchedules(ServerStore server, IRecurringJobManager recurring, MonitoringOptions options, TimeProvider clock,
    ILogger<MonitoringSchedules> logger) : BackgroundService
{
    private readonly HashSet<string> _scheduled = new(StringComparer.Ordinal);

    public static string JobId(string endpoint) => $"monitoring:{endpoint}";

    /// <summary>The cron expression of a schedule, or null for <c>never</c>.</summary>
    public static string? Cron(string schedule) => schedule switch
    {
        "never" => null,
        "hourly" => Hangfire.Cron.Hourly(),
        "daily" => Hangfire.Cron.Daily(),
        _ => schedule,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ScheduleRefresh, clock);
        do
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning(error, "bringing the monitoring schedules in line failed; retrying in {Interval}", options.ScheduleRefresh);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SyncAsync(CancellationToken cancellation)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in await server.Store.Endpoints.ListAsync(cancellation))
        {
            seen.Add(endpoint.Name);
            string? cron;
            try
            {
                cron = Cron(UseCaseLoader.Load(endpoint.UseCaseFolder, new UseCaseOptions(server.Options.DataRoots)).MonitoringOrDefault.Schedule);
            }
            catch (FlywheelException error)
            {
                logger.LogWarning("endpoint {Endpoint}: its use case does not load ({Error}); its monitoring schedule is unchanged", endpoint.Name, error.Describe());
                continue;
            }
            if (cron is null)
            {
                recurring.RemoveIfExists(JobId(endpoint.Name));
                _scheduled.Remove(endpoint.Name);
                continue;
            }
            var name = endpoint.Name;
            recurring.AddOrUpdate<MonitoringRunJob>(JobId(name), job => job.RunScheduledAsync(name, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            if (_scheduled.Add(name)) logger.LogInformation("monitoring {Endpoint} on schedule '{Cron}'", name, cron);
        }
        foreach (var gone in _scheduled.Where(name => !seen.Contains(name)).ToList())
        {
            recurring.RemoveIfExists(JobId(gone));
            _scheduled.Remove(gone);
        }
    }
}
