using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Flywheel.Server.Security;

/// <summary>
/// Authenticates a request by its API key: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. The key is
/// hashed and looked up; a revoked or expired key fails. The key text is never logged (only its public id).
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServerStore store, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "flywheel:key";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Presented(Request.Headers);
        if (secret is null) return AuthenticateResult.NoResult();
        var key = await store.Store.Keys.FindBySecretAsync(secret, Context.RequestAborted);
        if (!IsUsable(key, clock.GetUtcNow(), out var refusal)) return AuthenticateResult.Fail(refusal);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ClaimTypes.Role, key.Role),
                new Claim(KeyIdClaim, key.Id),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthenticated",
            failure ?? "this route needs an API key: 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            $"the role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not do this");

    /// <summary>Whether a found key may be used now; when not, why (unknown, revoked, expired). The workspace's sign-in asks the same.</summary>
    public static bool IsUsable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Flywheel.Storage.Access.ApiKey? key, DateTimeOffset now, out string refusal)
    {
        refusal = key switch
        {
            null => "unknown API key",
            { RevokedAt: not null } => $"API key {key.Id} was revoked",
            _ when !key.IsActive(now) => $"API key {key.Id} expired",
            _ => "",
        };
        return refusal.Length == 0;
    }

    /// <summary>The key text a request carries, or null.</summary>
    public static string? Presented(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var header = headers[HeaderName].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}

/// <summary>Who is calling, for audit entries: <c>key:&lt;name&gt;</c>.</summary>
public static class Caller
{
    /// <summary>The claim a local account's session carries (its user name); a key session has none.</summary>
    public const string UserClaim = "flywheel:user";

    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue(UserClaim) is { } account ? $"user:{account}" : $"key:{user.FindFirstValue(ClaimTypes.Name) ?? "anonymous"}";

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}
