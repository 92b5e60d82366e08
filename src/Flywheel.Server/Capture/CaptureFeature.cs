using Flywheel.Operate.Capture;
using Flywheel.Operate.GroundTruth;

namespace Flywheel.Server.Capture;

/// <summary>
/// Data capture and ground truth: the <see cref="CaptureWriter"/> is the server's <see cref="ICaptureSink"/>, drained by
/// <see cref="CaptureService"/>; ground truth is stored beside the capture; the capture is read back with DuckDB.
/// Options come from the artifact root of the server's store; a test or host replaces <see cref="CaptureOptions"/> or
/// <see cref="GroundTruthLimits"/> by registering its own after this.
/// </summary>
public static class CaptureFeature
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(provider => new CaptureOptions
        {
            Root = provider.GetRequiredService<ServerStore>().Store.Artifacts.Root,
            Clock = provider.GetRequiredService<TimeProvider>(),
            Logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<CaptureWriter>(),
        });
        services.AddSingleton(provider => new CaptureWriter(provider.GetRequiredService<CaptureOptions>()));
        services.AddSingleton<ICaptureSink>(provider => provider.GetRequiredService<CaptureWriter>());
        services.AddSingleton(provider => new CaptureReader(provider.GetRequiredService<CaptureOptions>().Root,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<CaptureReader>()));
        services.AddSingleton(new GroundTruthLimits());
        services.AddSingleton(provider => new GroundTruthStore(provider.GetRequiredService<CaptureOptions>().Root,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<CaptureOptions>().WriterId));
        services.AddHostedService<CaptureService>();
    }

    public static void MapCapture(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/endpoints/{name}").WithTags("Capture");
        CaptureRoutes.Map(group);
        GroundTruthRoutes.Map(group);
    }
}
