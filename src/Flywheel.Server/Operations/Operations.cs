namespace Flywheel.Server.Operations;

/// <summary>
/// What every server has besides its features, wired in one place (as eShop's ServiceDefaults): request limits and
/// timeouts, health checks, metrics, and the OpenAPI document with its page.
/// </summary>
public static class Operations
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        RequestLimits.AddServices(builder);
        Health.AddServices(builder);
        Metrics.AddServices(builder);
        ApiDocument.AddServices(builder);
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        RequestLimits.Use(app);
        Health.Map(app);
        Metrics.Map(app);
        ApiDocument.Map(app);
        return app;
    }
}
