namespace Flywheel.Server.Workspace.Resources;

/// <summary>The strings of the operate pages (Deployments, Monitoring, Review queue, Growth cycle): OperateStrings.resx in English, OperateStrings.ja.resx in Japanese.</summary>
public sealed class OperateStrings;
