using Flywheel.Operate.Access;
using Flywheel.Server.Security;
using Flywheel.Server.Workspace.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using MudBlazor.Services;

namespace Flywheel.Server.Workspace;

/// <summary>
/// The team's web UI (docs/architecture.md, "Workspace"): Blazor pages rendered on the server (static by default,
/// interactive server components where a page asks for them), MudBlazor components, a cookie session opened with an
/// API key, English and Japanese. Its assets (blazor.web.js, MudBlazor's CSS and JS, workspace.css) are served from the
/// build's static web assets, never a CDN.
/// </summary>
public static class WorkspaceFeature
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        UseBuiltAssets(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddLocalization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<UseCaseOverview>();
        builder.Services.AddSingleton<Flywheel.Operate.Listings.DataFindingsCache>();
        builder.Services.AddHostedService<WorkspaceWarmUp>();
        builder.Services.AddSingleton<Operate.RecordedRunDocuments>();
        WorkspaceSession.AddServices(builder);
    }

    public static void Map(WebApplication app)
    {
        // The language applies to pages only: the API's texts and numbers stay exactly as they were.
        app.UseWhen(context => !WorkspaceCultures.IsApiPath(context.Request.Path), pages => pages.UseRequestLocalization(WorkspaceCultures.Options()).Use(WithSessionUser));
        app.UseAntiforgery();
        var assets = Path.Combine(AppContext.BaseDirectory, "Flywheel.Server.staticwebassets.endpoints.json");
        app.MapStaticAssets(assets).AllowAnonymous();
        // With the same manifest, @Assets[...] writes the fingerprinted URLs, which are served as immutable: a page
        // visit then revalidates none of its stylesheets and scripts before it can paint.
        app.MapRazorComponents<App>().WithStaticAssets(assets).AddInteractiveServerRenderMode().Add(PagesNeedReadByDefault);
        app.MapPost("/logout", SignOutAsync).RequireAuthorization(WorkspaceSession.PagePolicy(Permission.Read)).ExcludeFromDescription();
        Operate.OperateActions.Map(app);
        app.MapPost("/culture", ChooseCulture).AllowAnonymous().ExcludeFromDescription();
    }

    // An open page (/login, /culture) still knows who is signed in, so its antiforgery token and header match the session's.
    private static async Task WithSessionUser(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated != true && (await context.AuthenticateAsync(WorkspaceSession.SchemeName)).Principal is { } session)
            context.User = session;
        await next(context);
    }

    // The Blazor hub and a page that names no permission need Read on the session; a page's own [Authorize] or
    // [AllowAnonymous] stands as it is (the route × role test checks each page declares exactly one).
    private static void PagesNeedReadByDefault(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any() || endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any()) return;
        endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(WorkspaceSession.PagePolicy(Permission.Read)));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, [FromForm] string? returnUrl, ServerStore store)
    {
        var subject = http.User.FindFirst(Caller.UserClaim) is { } user ? $"user:{user.Value}" : $"key:{http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value}";
        await store.Store.AuditAsync(http.User.Actor(), "workspace.sign-out", subject, new { });
        await http.SignOutAsync(WorkspaceSession.SchemeName);
        return TypedResults.LocalRedirect(WorkspaceSession.LoginPath);
    }

    private static IResult ChooseCulture(HttpContext http, [FromForm] string? culture, [FromForm] string? returnUrl)
    {
        if (!WorkspaceCultures.IsSupported(culture))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: $"culture is one of {string.Join(", ", WorkspaceCultures.Supported)}, not '{culture}'", extensions: new Dictionary<string, object?> { ["element"] = "culture" });
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return TypedResults.LocalRedirect(WorkspaceCultures.LocalOrHome(returnUrl));
    }

    // A server built from this repository (./flywheel, the tests) serves the assets from where the build left them;
    // a published one has them in wwwroot beside it.
    private static void UseBuiltAssets(WebApplicationBuilder builder)
    {
        // The server serves the build's manifest, for which MapStaticAssets would send no-cache on every route (its
        // hot-reload mode). The manifest's own headers are right here: immutable for a fingerprinted URL, whose name
        // changes with the content, and no-cache for the plain one.
        builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";
        var manifest = Path.Combine(AppContext.BaseDirectory, "Flywheel.Server.staticwebassets.runtime.json");
        if (!File.Exists(manifest)) return;
        builder.Configuration[WebHostDefaults.StaticWebAssetsKey] = manifest;
        StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
    }
}
