using Flywheel.UseCases;

namespace Flywheel.Value;

/// <summary>A parameter of the value model: its amount in its own unit, the range a sensitivity sweep uses, and who owns it.</summary>
public sealed record ValueParameter(
    string Name,
    double Amount,
    Unit Unit,
    (double Low, double High)? Range,
    string? Description,
    string? Owner,
    SourcePosition Position)
{
    public Quantity Value => Unit.Of(Amount);

    /// <summary>The sweep range: the declared one, or ±20% around the value.</summary>
    public (double Low, double High) SweepRange => Range ?? (Math.Min(Amount * 0.8, Amount * 1.2), Math.Max(Amount * 0.8, Amount * 1.2));
}

/// <summary>
/// A named expression: a formula, the value, a cost, the horizon or a scenario override. A formula may name the unit it
/// is shown in (<see cref="DisplayUnit"/>); otherwise it is shown in base units (time in days).
/// </summary>
public sealed record FormulaDefinition(string Name, Expression Expression, FormulaSource Source, Unit? DisplayUnit = null, string? Description = null)
{
    /// <summary>"40 customers/month" when a display unit is given, else the quantity in base units ("1.315 1/day").</summary>
    public string Display(Quantity value) => DisplayUnit is { } unit && unit.Dimension.Equals(value.Dimension)
        ? (unit.Text == "" ? Quantity.Format(unit.AmountOf(value)) : $"{Quantity.Format(unit.AmountOf(value))} {unit.Text}")
        : value.ToString();
}

/// <summary>A named set of overrides; each replaces a parameter's amount (a plain number takes the parameter's unit) or a formula.</summary>
public sealed record ScenarioDefinition(string Name, IReadOnlyDictionary<string, FormulaDefinition> Overrides, SourcePosition Position);

/// <summary>The money side of the model: what is spent once, what is spent per unit of time, and when value starts.</summary>
public sealed record CostDefinitions(FormulaDefinition? Development, FormulaDefinition? Operation, FormulaDefinition? Delay);
