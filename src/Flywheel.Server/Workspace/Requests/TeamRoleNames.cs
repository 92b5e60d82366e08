using System.Globalization;
using Flywheel.Operate.Requests;

namespace Flywheel.Server.Workspace.Requests;

/// <summary>A team role's name in the page's language (Japanese for ja, English otherwise); an unknown id as it is.</summary>
public static class TeamRoleNames
{
    public static string Of(string? role, CultureInfo culture) => TeamRoles.Find(role) is { } found
        ? culture.TwoLetterISOLanguageName == "ja" ? found.Japanese : found.English
        : role ?? "";

    /// <summary>A date and time in the page's culture, in UTC (the server's clock), short.</summary>
    public static string When(DateTimeOffset at, CultureInfo culture) => at.UtcDateTime.ToString("g", culture) + " UTC";

    public static string Day(DateTimeOffset at, CultureInfo culture) => WorkspaceFormat.Date(DateOnly.FromDateTime(at.UtcDateTime), culture);
}
