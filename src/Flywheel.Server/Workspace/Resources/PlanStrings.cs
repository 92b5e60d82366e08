namespace Flywheel.Server.Workspace.Resources;

/// <summary>The Canvas and Staged plan pages' strings (PlanStrings.resx in English, PlanStrings.ja.resx in Japanese).</summary>
public sealed class PlanStrings;
