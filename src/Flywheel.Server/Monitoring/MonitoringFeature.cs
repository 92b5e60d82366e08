using Flywheel.Operate.Jobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flywheel.Server.Monitoring;

/// <summary>
/// Monitoring: runs on demand and on schedule (Hangfire, through the jobs feature's storage and job records), stored
/// runs and their reports (JSON, HTML), alerts (list, acknowledge) and the growth cycle of a use case.
/// </summary>
public static class MonitoringFeature
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(MonitoringOptions.FromConfiguration(builder.Configuration));
        services.TryAddSingleton<MonitoringHost>();
        services.TryAddTransient<MonitoringRunJob>();
        services.TryAddSingleton<IRecurringJobManager>(provider =>
            new RecurringJobManager(provider.GetRequiredService<JobStorage>(), provider.GetRequiredService<JobFilterCollection>()));
        services.AddHostedService<MonitoringSchedules>();
    }

    public static void MapMonitoring(this WebApplication app) => MonitoringRoutes.Map(app);
}
