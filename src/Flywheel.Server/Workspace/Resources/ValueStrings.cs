namespace Flywheel.Server.Workspace.Resources;

/// <summary>The Value page's strings (ValueStrings.resx in English, ValueStrings.ja.resx in Japanese).</summary>
public sealed class ValueStrings;
