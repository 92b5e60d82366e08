using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Flywheel.Server.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.UseCases;

public sealed record UseCaseList(IReadOnlyList<UseCaseListing> UseCases);

/// <summary>A use case's value as the value page shows it: the file's fingerprint (to send back with a change), the sign-off and the analysis.</summary>
public sealed record UseCaseValue(string UseCase, string Fingerprint, ValueSignOffState SignOff, Flywheel.Value.ValueDocument Value);

/// <summary>The value's sign-off: its subject (ask for approval of it), state, and the required team roles that have not approved it.</summary>
public sealed record ValueSignOffState(string Subject, string State, IReadOnlyList<string> Missing);

/// <summary>A parameter change: the new amount, and the fingerprint of the file as read (a stale one is a 409).</summary>
public sealed record ParameterSet(double? Value, string? Fingerprint);

public sealed record ParameterSetResult(string Parameter, double Before, double After, string? Unit, string Fingerprint);

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
        group.MapGet("/{name}/value", ValueAsync).WithName("GetUseCaseValue")
            .WithSummary("The value analysis (priced with the model's measured figures), the file's fingerprint and the value's sign-off").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{name}/value/parameters/{parameter}", SetParameterAsync).WithName("SetValueParameter")
            .WithSummary("Change a value parameter in flywheel.yaml (scientists, admins, or a person holding the parameter's owner team role): {value, fingerprint}")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static UseCaseListings Listings(ServerStore store) =>
        new(store.Options.UseCases, new Flywheel.UseCases.UseCaseOptions(store.Options.DataRoots), store.Store);

    private static async Task<Ok<UseCaseList>> ListAsync(ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UseCaseList(await Listings(store).ListAsync(cancellationToken)));

    internal static Flywheel.UseCases.UseCase Served(ServerStore store, string name) => store.FindUseCase(name)
        ?? throw new NotFoundException($"this server serves no use case '{name}' (or its file does not load: see GET /api/v1/use-cases)", "use case");

    private static async Task<Ok<UseCaseValue>> ValueAsync(string name, ServerStore store, CancellationToken cancellationToken)
    {
        var useCase = Served(store, name);
        if (useCase.Value is null) throw new NotFoundException($"use case '{name}' has no 'value' section", "value");
        var result = ValuePricing.AsFiled(useCase, await ValuePricing.MeasuredAsync(useCase, null, store.Options.StoreOptions, cancellationToken)).Result;
        var signOff = await new Flywheel.Operate.Requests.SignOffs(store.Store).ValueAsync(useCase, cancellationToken);
        return TypedResults.Ok(new UseCaseValue(name, useCase.Fingerprint,
            new ValueSignOffState(signOff.Subject, signOff.State, signOff.Missing.Select(r => r.Id).ToList()), Flywheel.Value.ValueDocument.From(result)));
    }

    private static async Task<Results<Ok<ParameterSetResult>, ProblemHttpResult>> SetParameterAsync(string name, string parameter, ParameterSet? body, ClaimsPrincipal user,
        ServerStore store, CancellationToken cancellationToken)
    {
        var useCase = Served(store, name);
        var spec = ValueEdits.Parameter(useCase, parameter);
        var value = body?.Value ?? throw new InputException("the body needs the new amount: {\"value\": 120, \"fingerprint\": \"…\"}", "value");
        var edits = new ValueEdits(store.Store);
        if (!await edits.MayEditAsync(user.Actor(), user.Role(), spec, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"changing '{parameter}' needs the {Permission.Deploy} permission (roles {string.Join(", ", Roles.WithPermission(Permission.Deploy))}) or the team role that owns it ({spec.Owner ?? "none"})");
        var change = await edits.SetAsync(useCase, parameter, value, body.Fingerprint, user.Actor(), cancellationToken);
        return TypedResults.Ok(new ParameterSetResult(parameter, change.Before, change.After, change.Unit, change.UseCase.Fingerprint));
    }

    private static async Task<Ok<UseCaseListing>> GetAsync(string name, ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Listings(store).GetAsync(name, cancellationToken));
}
