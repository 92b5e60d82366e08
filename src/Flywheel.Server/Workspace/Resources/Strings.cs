namespace Flywheel.Server.Workspace.Resources;

/// <summary>The workspace's UI strings (Strings.resx in English, Strings.ja.resx in Japanese), read through <c>IStringLocalizer&lt;Strings&gt;</c>.</summary>
public sealed class Strings;
