namespace Flywheel.Server.Workspace.Resources;

/// <summary>The strings of the requests, admin and sign-in-by-account pages (TeamStrings.resx, TeamStrings.ja.resx), read through <c>IStringLocalizer&lt;TeamStrings&gt;</c>.</summary>
public sealed class TeamStrings;
