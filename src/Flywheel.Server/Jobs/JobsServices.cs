using Flywheel.Operate.Jobs;
using Flywheel.Operate.Webhooks;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flywheel.Server.Jobs;

/// <summary>
/// The services jobs need, in the server and in <c>flywheel worker</c> alike: Hangfire's storage and client (our own
/// instances, not Hangfire's global configuration, so two servers in one process — tests — do not share a queue),
/// the job store, data-root confinement, the webhook sender and, when this process runs jobs, the job server.
/// </summary>
public static class JobsServices
{
    public static void Add(IServiceCollection services, ServerOptions options)
    {
        services.TryAddSingleton(new JobsOptions());
        services.TryAddSingleton(provider => JobStorageFactory.Create(options, provider.GetRequiredService<JobsOptions>()));
        services.TryAddSingleton(provider => JobServerHost.Filters(provider.GetRequiredService<JobsOptions>()));
        services.TryAddSingleton<IBackgroundJobClient>(provider =>
            new BackgroundJobClient(provider.GetRequiredService<JobStorage>(), provider.GetRequiredService<JobFilterCollection>()));
        services.TryAddSingleton(provider => new JobStore(provider.GetRequiredService<ServerStore>().Store));
        services.TryAddSingleton(new DataPaths(options.DataRoots));
        services.TryAddSingleton(provider => new CallbackSecret(options, provider.GetRequiredService<JobsOptions>()));
        services.AddHttpClient(WebhookClient);
        services.TryAddTransient(provider => new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookClient),
            provider.GetRequiredService<JobsOptions>().WebhookRetry, provider.GetRequiredService<TimeProvider>()));
        services.TryAddTransient<BatchTransformJob>();
        services.TryAddTransient<AsyncInferenceJob>();
        if (options.RunJobs) services.AddHostedService<JobServerHost>();
    }

    public const string WebhookClient = "flywheel-webhooks";
}
