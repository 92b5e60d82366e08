using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flywheel.Server.Jobs;

/// <summary>
/// <c>flywheel worker</c>: a generic host (no HTTP) that runs only the job server, on the store and job storage the
/// options name — on PostgreSQL, any number of workers on any machines share the queue. SIGTERM stops it gracefully:
/// no new jobs are taken and running ones are cancelled cooperatively, so the queue hands them to another worker.
/// </summary>
public static class FlywheelWorker
{
    public static IHost Build(ServerOptions options, JobsOptions? jobs = null, Action<HostApplicationBuilder>? configure = null)
    {
        options = options with { RunJobs = true };
        jobs ??= new JobsOptions();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(jobs);
        builder.Services.AddSingleton<ServerStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Jobs are given a while to notice their cancel and go back to the queue.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = jobs.ShutdownTimeout + TimeSpan.FromSeconds(5));
        JobsServices.Add(builder.Services, options);
        configure?.Invoke(builder);
        return builder.Build();
    }
}
