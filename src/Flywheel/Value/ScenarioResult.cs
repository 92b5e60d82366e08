namespace Flywheel.Value;

/// <summary>The evaluated value model for one scenario: every formula, the rates converted to per day, and the payback.</summary>
public sealed record ScenarioResult(
    string Name,
    IReadOnlyDictionary<string, Quantity> Parameters,
    IReadOnlyDictionary<string, Quantity> Formulas,
    Quantity ValuePerDay,
    Quantity OperationPerDay,
    Quantity Development,
    Quantity Delay,
    Quantity Horizon,
    Payback Payback)
{
    public const string Base = "base";
}
