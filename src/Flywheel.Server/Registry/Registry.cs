using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Flywheel.Operate.Retraining;
using Flywheel.Server.Security;
using Flywheel.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Registry;

public sealed record ModelList(IReadOnlyList<ModelListing> Models);

/// <summary>
/// Asked to point an alias at a version. For <c>production</c> the promotion's evidence too: the comparison it is
/// approved on and why (or <c>override: true</c> with a reason when there is no comparison).
/// </summary>
public sealed record AliasRequest(int? Version, Guid? ComparisonId = null, string? Reason = null, bool? Override = null);

/// <summary>Asked to roll @production back, and why.</summary>
public sealed record RollbackRequest(string? Reason = null);

/// <summary>What a promotion or rollback did: the alias change (as <see cref="AliasChange"/>) and the approval recorded with its evidence.</summary>
public sealed record PromotionResult(string Model, string Alias, string Transition, int? FromVersion, int? ToVersion, PromotionApproval Approval)
{
    public static PromotionResult Of(string model, PromotionOutcome outcome) => outcome.Change is { } change
        ? new(change.ModelName, change.Alias, change.Transition.ToString().ToLowerInvariant(), change.FromVersion, change.ToVersion, outcome.Approval)
        : new(model, Registry.Production, "unchanged", outcome.Approval.ToVersion, outcome.Approval.ToVersion, outcome.Approval);
}

public sealed record PromotionList(IReadOnlyList<PromotionApproval> Promotions);

/// <summary>What an alias change did: <c>assigned</c>, <c>moved</c>, <c>removed</c> or <c>unchanged</c>, from which version to which.</summary>
public sealed record AliasChange(string Model, string Alias, string Transition, int? FromVersion, int? ToVersion)
{
    public static AliasChange Of(AliasEvent change) =>
        new(change.ModelName, change.Alias, change.Transition.ToString().ToLowerInvariant(), change.FromVersion, change.ToVersion);
}

/// <summary>
/// <c>/api/v1/models</c>: the model registry for the UI and automation. Reading needs Read; moving or removing an alias
/// needs Deploy, except <c>production</c>, which has its own routes needing Promote (the literal segment wins over
/// <c>{alias}</c>, so each route declares one permission). The registry audits every alias change.
/// </summary>
public static class Registry
{
    public const string Production = "production";

    public static void AddServices(WebApplicationBuilder builder) => DecisionRoutes.AddServices(builder);

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/models").WithTags("Registry");
        group.MapGet("", ListAsync).Requires(Permission.Read).WithName("ListModels").WithSummary("Registered models: versions, newest version, aliases");
        group.MapGet("/{name}", GetAsync).Requires(Permission.Read).WithName("GetModel")
            .WithSummary("A model: its versions (who registered them, task, trainer, headline test metrics) and aliases")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/versions/{version:int}", GetVersionAsync).Requires(Permission.Read).WithName("GetModelVersion")
            .WithSummary("A model version: input schema, classes, decision policy, metrics, training data fingerprint, libraries and model card")
            .ProducesProblem(StatusCodes.Status404NotFound);
        DecisionRoutes.Map(group);
        group.MapPut($"/{{name}}/aliases/{Production}", PromoteAsync)
            .Requires(Permission.Promote).WithName("PromoteModel")
            .WithSummary("Point @production at a version (approvers), on the comparison it is approved on: {version, comparisonId, reason} (or override: true with a reason)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{name}/rollback", RollbackAsync).Requires(Permission.Promote).WithName("RollbackModel")
            .WithSummary("Move @production back to the version it pointed at before its latest move (approvers)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{name}/promotions", PromotionsAsync).Requires(Permission.Read).WithName("ListPromotions")
            .WithSummary("The model's promotions and rollbacks: who, when, from → to, the comparison and value added, the reason");
        group.MapPut("/{name}/aliases/{alias}", SetOtherAsync).Requires(Permission.Deploy).WithName("SetModelAlias")
            .WithSummary("Point an alias other than production at a version (assign or move)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete($"/{{name}}/aliases/{Production}", (string name, ClaimsPrincipal user, ServerStore store, CancellationToken ct) =>
                RemoveAsync(name, Production, user, store, ct))
            .Requires(Permission.Promote).WithName("RemoveProductionAlias").WithSummary("Remove @production (approvers)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{name}/aliases/{alias}", RemoveOtherAsync).Requires(Permission.Deploy).WithName("RemoveModelAlias")
            .WithSummary("Remove an alias other than production").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static ModelListings Listings(ServerStore store) => new(store.Store);

    private static async Task<Ok<ModelList>> ListAsync(ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ModelList(await Listings(store).ListAsync(cancellationToken)));

    private static async Task<Ok<ModelDetail>> GetAsync(string name, ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Listings(store).GetAsync(name, cancellationToken));

    private static async Task<Ok<VersionDetail>> GetVersionAsync(string name, int version, ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Listings(store).GetVersionAsync(name, version, cancellationToken));

    private static async Task<Results<Ok<AliasChange>, ProblemHttpResult>> SetOtherAsync(string name, string alias, AliasRequest request, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken)
    {
        if (GuardProduction(alias, user) is { } refused) return refused;
        if (!IsProduction(alias)) return await SetAsync(name, alias, request, user, store, cancellationToken);
        // "@production" through the {alias} route is a promotion too: the same evidence is required.
        var promoted = (await PromoteAsync(name, request, user, store, cancellationToken)).Value!;
        return TypedResults.Ok(new AliasChange(promoted.Model, promoted.Alias, promoted.Transition, promoted.FromVersion, promoted.ToVersion));
    }

    private static async Task<Ok<PromotionResult>> PromoteAsync(string name, AliasRequest request, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken)
    {
        var outcome = await new Promotions(store.Store).PromoteAsync(name,
            new PromotionRequest(request.Version, request.ComparisonId, request.Reason, request.Override ?? false), user.Actor(), cancellationToken, store.FindUseCase(name));
        return TypedResults.Ok(PromotionResult.Of(name, outcome));
    }

    private static async Task<Ok<PromotionResult>> RollbackAsync(string name, RollbackRequest? request, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken)
    {
        var outcome = await new Promotions(store.Store).RollbackAsync(name, user.Actor(), request?.Reason, cancellationToken);
        return TypedResults.Ok(PromotionResult.Of(name, outcome));
    }

    private static async Task<Ok<PromotionList>> PromotionsAsync(string name, ServerStore store, CancellationToken cancellationToken)
    {
        await Listings(store).GetAsync(name, cancellationToken);
        return TypedResults.Ok(new PromotionList(await new Promotions(store.Store).ListAsync(name, cancellationToken)));
    }

    private static bool IsProduction(string alias) => string.Equals(alias.StartsWith('@') ? alias[1..] : alias, Production, StringComparison.OrdinalIgnoreCase);

    private static async Task<Results<Ok<AliasChange>, ProblemHttpResult>> RemoveOtherAsync(string name, string alias, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken) =>
        GuardProduction(alias, user) is { } refused ? refused : await RemoveAsync(name, alias, user, store, cancellationToken);

    private static async Task<Ok<AliasChange>> SetAsync(string name, string alias, AliasRequest request, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken)
    {
        var version = request.Version ?? throw new InputException("the body needs the version to point the alias at: {\"version\": 3}", "version");
        var change = await Listings(store).SetAliasAsync(name, alias, version, user.Actor(), cancellationToken);
        return TypedResults.Ok(change is null
            ? new AliasChange(name, RegistryNames.CheckAlias(alias), "unchanged", version, version)
            : AliasChange.Of(change));
    }

    private static async Task<Ok<AliasChange>> RemoveAsync(string name, string alias, ClaimsPrincipal user, ServerStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(AliasChange.Of(await Listings(store).RemoveAliasAsync(name, alias, user.Actor(), cancellationToken)));

    // "@production" reaches the {alias} route (the literal route matches only "production"): it still needs Promote.
    private static ProblemHttpResult? GuardProduction(string alias, ClaimsPrincipal user)
    {
        var bare = alias.StartsWith('@') ? alias[1..] : alias;
        if (!string.Equals(bare, Production, StringComparison.OrdinalIgnoreCase) || Roles.Allows(user.Role() ?? "", Permission.Promote)) return null;
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"moving the {Production} alias needs the {Permission.Promote} permission (roles {string.Join(", ", Roles.WithPermission(Permission.Promote))})");
    }
}
