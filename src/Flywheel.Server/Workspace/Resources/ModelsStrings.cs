namespace Flywheel.Server.Workspace.Resources;

/// <summary>The Data, Models and Decision explorer pages' strings (ModelsStrings.resx in English, ModelsStrings.ja.resx in Japanese).</summary>
public sealed class ModelsStrings;
