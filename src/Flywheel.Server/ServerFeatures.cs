namespace Flywheel.Server;

/// <summary>
/// The features of the server, one static class per feature folder (shaped like eShop's services): each adds its
/// services and maps its group of routes. Adding a feature is one line in each list.
/// </summary>
internal static class ServerFeatures
{
    public static void Add(WebApplicationBuilder builder, ServerOptions options)
    {
        Invocations.Invocations.AddServices(builder);
    }

    public static void Map(WebApplication app)
    {
        Invocations.Invocations.MapInvocations(app);
        Endpoints.EndpointRoutes.MapEndpointRoutes(app);
    }
}
