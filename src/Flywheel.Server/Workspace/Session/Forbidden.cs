using System.Security.Claims;
using Flywheel.Server.Workspace.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Localization;

namespace Flywheel.Server.Workspace.Session;

/// <summary>A signed-in role that lacks a page's permission gets 403 and a sentence saying so, not a redirect loop.</summary>
internal static class Forbidden
{
    public static async Task WriteAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        var role = context.HttpContext.User.FindFirstValue(ClaimTypes.Role) ?? "?";
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        var message = System.Net.WebUtility.HtmlEncode(text["ForbiddenPage", role]);
        var again = System.Net.WebUtility.HtmlEncode(text["SignInAgain"]);
        await context.Response.WriteAsync($"<!DOCTYPE html><html lang=\"{System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>403</title></head><body><main><h1>403</h1><p>{message}</p><p><a href=\"/login\">{again}</a></p></main></body></html>");
    }
}
