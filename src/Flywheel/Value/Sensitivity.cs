namespace Flywheel.Value;

/// <summary>One bar of the tornado: a parameter at the low and high end of its range, and what the value rate and break-even become.</summary>
public sealed record SensitivityRow(
    string Parameter,
    string Unit,
    string? Owner,
    double Low,
    double High,
    Quantity ValueAtLow,
    Quantity ValueAtHigh,
    double? BreakEvenDaysAtLow,
    double? BreakEvenDaysAtHigh)
{
    /// <summary>How far the value rate moves across the range (per day, in the value's currency).</summary>
    public double ValueSwing => Math.Abs(ValueAtHigh.Value - ValueAtLow.Value);

    /// <summary>How far break-even moves, in days; infinite when one end never breaks even.</summary>
    public double BreakEvenSwing => (BreakEvenDaysAtLow, BreakEvenDaysAtHigh) switch
    {
        (null, null) => 0,
        ({ } low, { } high) => Math.Abs(high - low),
        _ => double.PositiveInfinity,
    };
}

/// <summary>
/// Sweeps each parameter over its range (±20% when none is given), holding the others, and ranks them by swing. A parameter
/// replaced by an external figure is swept only over a declared range.
/// </summary>
public static class SensitivityAnalysis
{
    public static IReadOnlyList<SensitivityRow> Run(ValueModel model, string? scenario = null, IReadOnlyDictionary<string, Quantity>? externals = null)
    {
        var rows = new List<SensitivityRow>();
        foreach (var parameter in model.Parameters)
        {
            // A figure supplied from outside (measured by a model) has no range of its own; the parameter's declared one still holds.
            if (externals?.ContainsKey(parameter.Name) == true && parameter.Range is null) continue;
            var (low, high) = parameter.SweepRange;
            var atLow = Sweep(model, scenario, externals, parameter, low, "low");
            var atHigh = Sweep(model, scenario, externals, parameter, high, "high");
            rows.Add(new SensitivityRow(parameter.Name, parameter.Unit.Text, parameter.Owner, low, high,
                atLow.ValuePerDay, atHigh.ValuePerDay, atLow.Payback.BreakEvenDays, atHigh.Payback.BreakEvenDays));
        }
        return rows
            .OrderByDescending(row => row.ValueSwing)
            .ThenByDescending(row => row.BreakEvenSwing)
            .ThenBy(row => row.Parameter, StringComparer.Ordinal)
            .ToList();
    }

    // A formula that fails only at one end of a range (a division by a parameter swept to 0) names the sweep, not just the formula.
    private static ScenarioResult Sweep(ValueModel model, string? scenario, IReadOnlyDictionary<string, Quantity>? externals, ValueParameter parameter, double amount, string end)
    {
        try
        {
            return model.EvaluateHeadline(scenario, With(externals, parameter, amount));
        }
        catch (InputException error)
        {
            var (low, high) = parameter.SweepRange;
            var range = parameter.Range is null ? "±20% of its value" : "its range";
            throw new InputException(
                $"the sensitivity sweep of '{parameter.Name}' over {range} [{Quantity.Format(low)}, {Quantity.Format(high)}] fails at the {end} end ({Quantity.Format(amount)}): {error.Message}",
                error.File ?? model.File, error.Line ?? parameter.Position.Line, error.Column ?? parameter.Position.Column, error);
        }
    }

    internal static Dictionary<string, Quantity> With(IReadOnlyDictionary<string, Quantity>? externals, ValueParameter parameter, double amount)
    {
        var values = externals is null ? new Dictionary<string, Quantity>(StringComparer.Ordinal) : new Dictionary<string, Quantity>(externals, StringComparer.Ordinal);
        values[parameter.Name] = parameter.Unit.Of(amount);
        return values;
    }
}
