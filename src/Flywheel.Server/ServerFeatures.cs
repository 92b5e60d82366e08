using Flywheel.Server.Audit;
using Flywheel.Server.Keys;
using Flywheel.Server.Operations;
using Flywheel.Server.Registry;
using Flywheel.Server.UseCases;

namespace Flywheel.Server;

/// <summary>
/// The features of the server, one static class per feature folder (shaped like eShop's services): each adds its
/// services and maps its group of routes. Adding a feature is one line in each list.
/// </summary>
internal static class ServerFeatures
{
    public static void Add(WebApplicationBuilder builder, ServerOptions options)
    {
        Capture.CaptureFeature.AddServices(builder);
        Jobs.JobsApi.AddServices(builder, options);
        Operations.Operations.AddServices(builder);
        Keys.Keys.AddServices(builder);
        Audit.Audit.AddServices(builder);
        Registry.Registry.AddServices(builder);
        UseCases.UseCases.AddServices(builder);
        Invocations.Invocations.AddServices(builder);
        Monitoring.MonitoringFeature.AddServices(builder);
        Review.ReviewFeature.AddServices(builder, options);
        Retraining.Retraining.AddServices(builder);
        Requests.RequestRoutes.AddServices(builder);
        Workspace.WorkspaceFeature.AddServices(builder);
    }

    public static void Map(WebApplication app)
    {
        // First: request limits and timeouts wrap every feature's routes.
        app.MapOperations();
        Capture.CaptureFeature.MapCapture(app);
        Jobs.JobsApi.MapJobs(app);
        app.MapKeys();
        app.MapAudit();
        app.MapRegistry();
        app.MapUseCases();
        app.MapPlanning();
        Invocations.Invocations.MapInvocations(app);
        Endpoints.EndpointRoutes.MapEndpointRoutes(app);
        Monitoring.MonitoringFeature.MapMonitoring(app);
        Review.ReviewFeature.Map(app);
        Retraining.Retraining.MapRetraining(app);
        Requests.RequestRoutes.MapRequests(app);
        Workspace.WorkspaceFeature.Map(app);
    }
}
