using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Storage.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flywheel.Server.Keys;

/// <summary>Asked to create a key: a name, one of the roles, and an optional expiry in the future.</summary>
public sealed record CreateKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>A key as the API shows it: never its secret, only its public id.</summary>
public sealed record KeyResponse(string Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static KeyResponse Of(ApiKey key, DateTimeOffset now) =>
        new(key.Id, key.Name, key.Role, key.CreatedBy, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.IsActive(now));
}

/// <summary>A key just created: its record and, this once, the secret to give its owner.</summary>
public sealed record CreatedKeyResponse(KeyResponse Key, string Secret);

public sealed record KeyList(IReadOnlyList<KeyResponse> Keys);

/// <summary><c>/api/v1/keys</c>: API keys, for admins. Creating returns the secret once; revoking the last admin key is refused (409).</summary>
public static class Keys
{
    public static void AddServices(WebApplicationBuilder builder)
    {
    }

    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Keys").Requires(Permission.Administer);
        group.MapGet("", ListAsync).WithName("ListKeys").WithSummary("List the API keys (ids, names, roles, expiry, revocation; never secrets)");
        group.MapGet("/{id}", GetAsync).WithName("GetKey").WithSummary("One API key").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("CreateKey")
            .WithSummary("Create an API key with a role and an optional expiry; the response holds its secret, shown only this once")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{id}", RevokeAsync).WithName("RevokeKey")
            .WithSummary("Revoke an API key; the last active admin key cannot be revoked (409)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static KeyAdministration Administration(ServerStore store, TimeProvider clock) => new(store.Store.Keys, clock);

    private static async Task<Ok<KeyList>> ListAsync(ServerStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await store.Store.Keys.ListAsync(cancellationToken);
        return TypedResults.Ok(new KeyList(keys.Select(k => KeyResponse.Of(k, now)).ToList()));
    }

    private static async Task<Ok<KeyResponse>> GetAsync(string id, ServerStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = (await store.Store.Keys.ListAsync(cancellationToken)).FirstOrDefault(k => k.Id == id)
            ?? throw new NotFoundException($"no API key with id '{id}'", "key");
        return TypedResults.Ok(KeyResponse.Of(key, clock.GetUtcNow()));
    }

    private static async Task<Created<CreatedKeyResponse>> CreateAsync(CreateKeyRequest request, ClaimsPrincipal user, ServerStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var issued = await Administration(store, clock).CreateAsync(request.Name, request.Role, request.ExpiresAt, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{issued.Key.Id}", new CreatedKeyResponse(KeyResponse.Of(issued.Key, clock.GetUtcNow()), issued.Secret));
    }

    private static async Task<Ok<KeyResponse>> RevokeAsync(string id, ClaimsPrincipal user, ServerStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var revoked = await Administration(store, clock).RevokeAsync(id, user.Actor(), cancellationToken);
        return TypedResults.Ok(KeyResponse.Of(revoked, clock.GetUtcNow()));
    }
}
