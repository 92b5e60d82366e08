using System.Globalization;
using System.Security.Claims;
using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Flywheel.Server.Workspace.Session;

/// <summary>
/// The workspace's browser session: a cookie opened by signing in with an API key, carrying the key's id, name, role and
/// expiry (never its secret). Pages authenticate only with this cookie and the API only with keys, so a page cannot be
/// opened with a bare key and the API never acts on a cookie (no cross-site request can reach it).
/// </summary>
public static class WorkspaceSession
{
    public const string SchemeName = "Workspace";
    public const string CookieName = "flywheel.session";
    public const string LoginPath = "/login";
    public const string ExpiresClaim = "flywheel:expires";
    public const string CheckedClaim = "flywheel:checked";
    public const string StampClaim = "flywheel:stamp";

    /// <summary>A revoked key's session ends within this time (its expiry is checked on every request).</summary>
    public static readonly TimeSpan RevalidateEvery = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The page policy for <paramref name="permission"/>: the role table of <see cref="Roles"/>, on the session cookie.</summary>
    public static string PagePolicy(Permission permission) => $"flywheel-page:{permission}";

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(SchemeName, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateAsync;
            options.Events.OnRedirectToAccessDenied = Forbidden.WriteAsync;
        });
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var permission in Enum.GetValues<Permission>())
            authorization.AddPolicy(PagePolicy(permission), policy => policy.AddAuthenticationSchemes(SchemeName).RequireRole(Roles.WithPermission(permission)));
    }

    /// <summary>The session's principal for a usable key, checked now.</summary>
    public static ClaimsPrincipal Principal(ApiKey key, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role),
            new(ApiKeyAuthentication.KeyIdClaim, key.Id),
            new(CheckedClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (key.ExpiresAt is { } expires) claims.Add(new(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    /// <summary>The session's principal for a local account, checked now: its name, role and stamp (a password reset or disable ends it).</summary>
    public static ClaimsPrincipal Principal(UserAccount user, DateTimeOffset now) => new(new ClaimsIdentity(
    [
        new(ClaimTypes.Name, user.Name),
        new(ClaimTypes.Role, user.Role),
        new(Caller.UserClaim, user.Name),
        new(StampClaim, user.Stamp),
        new(CheckedClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ], SchemeName));

    // Every request: the key's expiry. Every RevalidateEvery: the key itself, from the store (revoked, gone, role changed).
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var principal = context.Principal!;
        if (Seconds(principal, ExpiresClaim) is { } expires && expires <= now)
        {
            await RejectAsync(context, "expired");
            return;
        }
        if (Seconds(principal, CheckedClaim) is { } checkedAt && now - checkedAt < RevalidateEvery) return;
        if (principal.FindFirstValue(Caller.UserClaim) is { } name)
        {
            await ValidateUserAsync(context, name, now);
            return;
        }
        var id = principal.FindFirstValue(ApiKeyAuthentication.KeyIdClaim);
        var store = context.HttpContext.RequestServices.GetRequiredService<ServerStore>();
        var key = (await store.Store.Keys.ListAsync(context.HttpContext.RequestAborted)).FirstOrDefault(k => k.Id == id);
        if (!ApiKeyAuthentication.IsUsable(key, now, out var refusal) || key.Role != principal.FindFirstValue(ClaimTypes.Role))
        {
            await RejectAsync(context, key is null ? "unknown API key" : refusal.Length > 0 ? refusal : "role changed");
            return;
        }
        context.ReplacePrincipal(Principal(key, now));
        context.ShouldRenew = true;
    }

    // A local account: gone, disabled, role changed or password reset (new stamp) ends the session.
    private static async Task ValidateUserAsync(CookieValidatePrincipalContext context, string name, DateTimeOffset now)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<ServerStore>();
        var user = await new UserAccounts(store.Store).FindAsync(name, context.HttpContext.RequestAborted);
        var principal = context.Principal!;
        var refusal = user switch
        {
            null => "unknown user",
            { IsDisabled: true } => "user disabled",
            _ when user.Role != principal.FindFirstValue(ClaimTypes.Role) => "role changed",
            _ when user.Stamp != principal.FindFirstValue(StampClaim) => "password reset",
            _ => null,
        };
        if (refusal is not null)
        {
            await RejectAsync(context, refusal);
            return;
        }
        context.ReplacePrincipal(Principal(user!, now));
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context, string reason)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<ServerStore>();
        var principal = context.Principal!;
        var subject = principal.FindFirstValue(Caller.UserClaim) is { } user ? $"user:{user}" : $"key:{principal.FindFirstValue(ApiKeyAuthentication.KeyIdClaim)}";
        await store.Store.AuditAsync(principal.Actor(), "workspace.session-ended", subject, new { reason });
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SchemeName);
    }

    private static DateTimeOffset? Seconds(ClaimsPrincipal principal, string claim) =>
        long.TryParse(principal.FindFirstValue(claim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
