using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Flywheel.Server.Workspace;

/// <summary>The workspace's languages: English (the default) and Japanese, from the language cookie, else the browser's Accept-Language.</summary>
public static class WorkspaceCultures
{
    public static readonly IReadOnlyList<string> Supported = ["en", "ja"];

    private static readonly string[] ApiPrefixes = ["/api", "/invocations", "/endpoints", "/execution-parameters", "/ping", "/health", "/metrics", "/openapi", "/scalar"];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.Ordinal);

    public static bool IsApiPath(PathString path) => ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    public static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // The cookie (the header's switch) before the browser's Accept-Language; no query string.
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }

    /// <summary>A return address that stays on this site (an open redirect would let a link sign someone elsewhere).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
}
