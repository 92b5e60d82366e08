using System.Net;
using System.Text;
using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Server.Tests.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Security;

/// <summary>
/// Every route the server maps (read from its <see cref="EndpointDataSource"/>, so the routes every feature adds are
/// covered without listing them) × every role, no key, a revoked key and an expired key: the status must follow
/// <see cref="Roles.Allows"/>. Health routes are the only anonymous API routes; every other route declares exactly one permission.
/// The workspace's pages are routes too: they declare a page permission (the same role table, on the session cookie), are
/// reached with a signed-in session per role, send a caller with no session — or only an API key — to /login, and only
/// /login and the language switch are open. An API route never acts on a session cookie.
/// </summary>
public class RouteRoleTableTests
{
    private static readonly string[] Anonymous = ["/ping", "/health"];
    private static readonly string[] AnonymousPages = ["/login", "/culture"];
    internal const string StaticAssetsFallback = "/{**path:file}";

    // The API page's own script and icon (Scalar's published files, served from its package): Scalar marks them
    // anonymous; the page and the document they load need Read.
    private static bool IsPageAsset(string pattern) => pattern.StartsWith("/scalar/", StringComparison.Ordinal) && Path.HasExtension(pattern) && !pattern.Contains('{');

    // The workspace's published files (blazor.web.js, MudBlazor's CSS and JS, workspace.css): static, the same for everyone.
    internal static bool IsWorkspaceAsset(string pattern) =>
        (pattern.StartsWith("/_framework/", StringComparison.Ordinal) || pattern.StartsWith("/_content/", StringComparison.Ordinal) || pattern.StartsWith("/workspace/", StringComparison.Ordinal))
        && Path.HasExtension(pattern) && !pattern.Contains('{');

    [Fact]
    public async Task Every_route_answers_every_role_as_the_role_table_says()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        // The server's clock runs a day ahead, so a key that expires in an hour by the store's clock is already expired.
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false },
            builder => builder.Services.AddSingleton<TimeProvider>(new ShiftedClock(TimeSpan.FromDays(1))));
        var keys = host.Store.Store.Keys;
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var role in Roles.All) clients[role] = await host.AsAsync(role);
        var revoked = await keys.CreateAsync("revoked", Roles.Admin, null, "test");
        await keys.RevokeAsync(revoked.Key.Id, "test");
        var expired = await keys.CreateAsync("expired", Roles.Admin, DateTimeOffset.UtcNow.AddHours(1), "test");
        var refused = new Dictionary<string, HttpClient>(StringComparer.Ordinal)
        {
            ["anonymous"] = host.Anonymous(),
            ["revoked"] = host.WithKey(revoked.Secret),
            ["expired"] = host.WithKey(expired.Secret),
        };

        var sessions = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var role in Roles.All)
            sessions[role] = await WorkspaceSessions.SignInAsync(host, role == Roles.Admin ? host.Options.AdminKey! : (await keys.CreateAsync($"session-{role}", role, null, "test")).Secret)
                ?? throw new InvalidOperationException($"a {role} key opened no session");
        Assert.Null(await WorkspaceSessions.SignInAsync(host, revoked.Secret));
        Assert.Null(await WorkspaceSessions.SignInAsync(host, expired.Secret));
        var refusedPages = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["anonymous"] = host.Anonymous(), ["api-key-only"] = host.Admin() };
        refused["session-only"] = sessions[Roles.Admin];

        var routes = Routes(host.App);
        Assert.NotEmpty(routes);
        Assert.Contains(routes, r => r.IsPage && !r.IsAnonymous);
        var table = new StringBuilder();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var row = new StringBuilder($"{route.Method,-6} {route.Pattern,-55}");
            if (route.Pattern == StaticAssetsFallback)
            {
                // MapStaticAssets' fallback for files the build manifest does not list: it declares nothing, so the
                // server's fallback policy (an API key) closes it; nothing is served to a caller without one.
                var status = await SendAsync(refused["anonymous"], route);
                if (status != HttpStatusCode.Unauthorized) failures.Add($"{route.Method} {route.Pattern} as anonymous: {(int)status}, expected 401");
                continue;
            }
            var permission = route.Permissions.Count == 1 ? route.Permissions[0] : (Permission?)null;
            if (!route.IsAnonymous && route.Permissions.Count != 1)
                failures.Add($"{route.Method} {route.Pattern} declares {route.Permissions.Count} permissions ({string.Join(", ", route.Permissions)}); it must declare exactly one");
            if (route.IsAnonymous && (IsPageAsset(route.Pattern) || IsWorkspaceAsset(route.Pattern))) continue;
            if (route.IsAnonymous && !Anonymous.Contains(route.Pattern) && !AnonymousPages.Contains(route.Pattern))
                failures.Add($"{route.Method} {route.Pattern} is anonymous; only {string.Join(", ", Anonymous.Concat(AnonymousPages))} may be");
            if (route.IsPage)
            {
                await CheckPageAsync(route, permission, refusedPages, sessions, row, failures);
                table.AppendLine(row.ToString());
                continue;
            }
            foreach (var (who, client) in refused)
            {
                var status = await SendAsync(client, route);
                row.Append($" {who}:{(int)status}");
                if (!route.IsAnonymous && status != HttpStatusCode.Unauthorized) failures.Add($"{route.Method} {route.Pattern} as {who}: {(int)status}, expected 401");
                if (route.IsAnonymous && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) failures.Add($"{route.Method} {route.Pattern} as {who}: {(int)status}, it is anonymous");
            }
            foreach (var role in Roles.All)
            {
                var status = await SendAsync(clients[role], route);
                row.Append($" {role}:{(int)status}");
                var allowed = route.IsAnonymous || (permission is { } p && Roles.Allows(role, p));
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{route.Method} {route.Pattern} as {role}: {(int)status}, but {role} has {permission}");
                if (!allowed && status != HttpStatusCode.Forbidden)
                    failures.Add($"{route.Method} {route.Pattern} as {role}: {(int)status}, expected 403 ({role} lacks {permission})");
            }
            table.AppendLine(row.ToString());
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\nroute × role table:\n" + table);
    }

    private static async Task CheckPageAsync(Route route, Permission? permission, Dictionary<string, HttpClient> refused, Dictionary<string, HttpClient> sessions,
        StringBuilder row, List<string> failures)
    {
        foreach (var (who, client) in refused)
        {
            var (status, location) = await SendPageAsync(client, route);
            row.Append($" {who}:{(int)status}");
            var toLogin = status is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized && (status == HttpStatusCode.Unauthorized || location?.Contains("/login", StringComparison.Ordinal) == true);
            if (!route.IsAnonymous && !toLogin) failures.Add($"{route.Method} {route.Pattern} as {who}: {(int)status} → {location}, expected the way to /login");
            if (route.IsAnonymous && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) failures.Add($"{route.Method} {route.Pattern} as {who}: {(int)status}, it is open");
        }
        foreach (var role in Roles.All)
        {
            var (status, location) = await SendPageAsync(sessions[role], route);
            row.Append($" {role}:{(int)status}");
            var allowed = route.IsAnonymous || (permission is { } p && Roles.Allows(role, p));
            var refusedHere = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || location?.Contains("/login", StringComparison.Ordinal) == true;
            if (allowed && refusedHere) failures.Add($"{route.Method} {route.Pattern} as a {role} session: {(int)status} → {location}, but {role} has {permission}");
            if (!allowed && status != HttpStatusCode.Forbidden) failures.Add($"{route.Method} {route.Pattern} as a {role} session: {(int)status}, expected 403 ({role} lacks {permission})");
        }
    }

    private static async Task<(HttpStatusCode Status, string? Location)> SendPageAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method is "POST") request.Content = new FormUrlEncodedContent([]);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.ToString());
    }

    internal sealed record Route(string Method, string Pattern, string Path, bool IsAnonymous, IReadOnlyList<Permission> Permissions, bool IsPage = false);

    /// <summary>Every routed endpoint and method, with placeholders for its route values.</summary>
    internal static IReadOnlyList<Route> Routes(WebApplication app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<Route>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").ToList();
            var permissions = policies.Where(p => p.StartsWith("flywheel:", StringComparison.Ordinal)).Select(p => Enum.Parse<Permission>(p["flywheel:".Length..]))
                .Concat(policies.Where(p => p.StartsWith("flywheel-page:", StringComparison.Ordinal)).Select(p => Enum.Parse<Permission>(p["flywheel-page:".Length..]))).ToList();
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var isPage = policies.Any(p => p.StartsWith("flywheel-page:", StringComparison.Ordinal)) || AnonymousPages.Contains(pattern);
            foreach (var method in methods.Where(m => m != "OPTIONS" && m != "HEAD"))
                routes.Add(new Route(method, pattern, Fill(endpoint.RoutePattern), anonymous, permissions, isPage));
        }
        return routes.DistinctBy(r => (r.Method, r.Pattern)).OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    private static string Fill(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Placeholder(parameter),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Placeholder(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c is "int" or "long" || c.StartsWith("range", StringComparison.Ordinal) || c.StartsWith("min", StringComparison.Ordinal))) return "1";
        if (constraints.Contains("guid")) return Guid.Empty.ToString();
        return parameter.IsCatchAll ? "placeholder/file.txt" : "placeholder";
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Route route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}

/// <summary>The system clock moved by a fixed offset.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
