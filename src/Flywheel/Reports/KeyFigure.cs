namespace Flywheel.Reports;

/// <summary>One headline number shown as a card: "Break-even — 14.2 months".</summary>
/// <param name="Label">What the number is.</param>
/// <param name="Value">The number, already formatted with its unit.</param>
/// <param name="Note">Optional small print under the number (scenario, caveat).</param>
public sealed record KeyFigure(string Label, string Value, string? Note = null);
