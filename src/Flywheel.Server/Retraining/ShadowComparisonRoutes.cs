using Flywheel.Operate.Access;
using Flywheel.Operate.Monitoring.Runs;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Monitoring;
using Flywheel.Server.Security;
using Flywheel.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Retraining;

/// <summary>
/// <c>GET /api/v1/endpoints/{name}/shadow-comparison?since=&amp;until=</c> (Read): the shadow variant's answers beside
/// the champion's on the same captured requests (<see cref="ShadowComparison"/>); the window defaults to
/// <c>monitoring.window</c> back from now.
/// </summary>
internal static class ShadowComparisonRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/endpoints/{name}/shadow-comparison", GetAsync).Requires(Permission.Read).WithTags("Retraining").WithName("GetShadowComparison")
            .WithSummary("The shadow variant against the champion on the same requests: paired requests, decision and label agreement, mean |score difference|, value per item of each where labels exist")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<ShadowComparisonReport>> GetAsync(string name, string? since, string? until, MonitoringHost host, TimeProvider clock,
        IServiceProvider services, CancellationToken cancellation)
    {
        var (endpoint, useCase) = await host.ResolveAsync(name, cancellation);
        var (from, to) = MonitoringTimes.Window(since, until, useCase.MonitoringOrDefault.Window, clock.GetUtcNow());
        var comparison = new ShadowComparison(host.Registry(endpoint), host.Capture, services.GetService<IHumanLabels>());
        return TypedResults.Ok(await comparison.CompareAsync(name, useCase, from, to, cancellation));
    }
}
