using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Flywheel.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.UseCases;

public sealed record UseCaseList(IReadOnlyList<UseCaseListing> UseCases);

/// <summary><c>/api/v1/use-cases</c>: the use cases this server was started with — name, folder, statement, owner, stages reached.</summary>
public static class UseCases
{
    public static void AddServices(WebApplicationBuilder builder)
    {
    }

    public static IEndpointRouteBuilder MapUseCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/use-cases").WithTags("Use cases").Requires(Permission.Read);
        group.MapGet("", ListAsync).WithName("ListUseCases").WithSummary("The served use cases: name, folder, statement, owner, stages reached, registered model");
        group.MapGet("/{name}", GetAsync).WithName("GetUseCase").WithSummary("One served use case").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static UseCaseListings Listings(ServerStore store) =>
        new(store.Options.UseCases, new Flywheel.UseCases.UseCaseOptions(store.Options.DataRoots), store.Store);

    private static async Task<Ok<UseCaseList>> ListAsync(ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UseCaseList(await Listings(store).ListAsync(cancellationToken)));

    private static async Task<Ok<UseCaseListing>> GetAsync(string name, ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Listings(store).GetAsync(name, cancellationToken));
}
