using System.Globalization;

namespace Flywheel.Value;

/// <summary>An amount with its display unit, as hosts print it: <c>{"amount": 162000, "unit": "JPY/day"}</c>.</summary>
public sealed record AmountDocument(double Amount, string Unit)
{
    public static AmountDocument Of(Quantity quantity) => new(Tidy(quantity.Value), quantity.UnitText);

    /// <summary>Twelve significant digits: unit conversions leave 449999.99999999994 where 450000 was meant.</summary>
    public static double Tidy(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    /// <summary>In <paramref name="unit"/> when it is given and fits, else in base units.</summary>
    public static AmountDocument Of(Quantity quantity, Unit? unit) =>
        unit is not null && unit.Dimension.Equals(quantity.Dimension) ? new(Tidy(unit.AmountOf(quantity)), unit.Text) : Of(quantity);
}

public sealed record ScenarioDocument(
    string Name,
    AmountDocument ValuePerDay,
    AmountDocument OperationPerDay,
    AmountDocument NetPerDay,
    AmountDocument Development,
    double DelayDays,
    double HorizonDays,
    double? BreakEvenDays,
    bool BreaksEvenWithinHorizon,
    AmountDocument CumulativeAtHorizon,
    AmountDocument CostToHorizon,
    double? Roi,
    IReadOnlyDictionary<string, AmountDocument> Formulas,
    IReadOnlyDictionary<string, AmountDocument> Parameters);

/// <summary>One end of a sensitivity sweep: the parameter's amount (in its own unit) and what the value and break-even become.</summary>
public sealed record SensitivityEndDocument(double ParameterValue, AmountDocument ValuePerDay, double? BreakEvenDays);

public sealed record SensitivityDocument(string Parameter, string Unit, string? Owner, SensitivityEndDocument Low, SensitivityEndDocument High, double ValueSwing);

/// <summary>
/// A parameter as used: <see cref="Value"/> is the measured figure when a model measured it (in the parameter's unit),
/// <see cref="Source"/> says so ("measured on test, model telco-churn:3") or that the value is a placeholder.
/// </summary>
public sealed record ParameterDocument(string Name, double Value, string Unit, string? Owner, string? Description, double[]? Range,
    bool Measured = false, string? Source = null);

/// <summary>A figure the value model takes from a model (<c>decision.value_per_day</c>), its amount in the base scenario and where it comes from.</summary>
public sealed record ModelVariableDocument(string Name, AmountDocument Value, bool Measured, string Source);

/// <summary>The model whose measured figures priced the use case: <c>telco-churn:3</c>, measured on <c>test</c>.</summary>
public sealed record MeasuredModelDocument(string Name, string On);

public sealed record FormulaDocument(string Name, string Expression, string WrittenOut, string? Unit, string? Description);

/// <summary>
/// The value analysis as one serializable object: what <c>flywheel value --json</c> prints and the server returns.
/// <see cref="Model"/> is null when no model's figures were used; <see cref="ModelVariables"/> lists every figure the
/// value model takes from a model, measured or placeholder.
/// </summary>
public sealed record ValueDocument(
    string Name,
    string Statement,
    string Currency,
    MeasuredModelDocument? Model,
    IReadOnlyList<ModelVariableDocument> ModelVariables,
    IReadOnlyList<ScenarioDocument> Scenarios,
    IReadOnlyList<SensitivityDocument> Sensitivity,
    IReadOnlyList<ParameterDocument> Parameters,
    IReadOnlyList<FormulaDocument> Formulas,
    SeekResult? Seek)
{
    public static ValueDocument From(ValueAnalysisResult result) => new(
        result.UseCase.Name,
        result.UseCase.Statement,
        result.Base.Payback.Currency,
        result.Measured is { } measured ? new MeasuredModelDocument(measured.Model, measured.On) : null,
        result.ModelVariables.Where(name => result.Base.Parameters.ContainsKey(name) || result.IsMeasured(name)).Select(name => Variable(result, name)).ToList(),
        result.Scenarios.Select(scenario => Scenario(scenario, result.Model)).ToList(),
        result.Sensitivity.Select(row => new SensitivityDocument(row.Parameter, row.Unit, row.Owner,
            new SensitivityEndDocument(row.Low, AmountDocument.Of(row.ValueAtLow), row.BreakEvenDaysAtLow),
            new SensitivityEndDocument(row.High, AmountDocument.Of(row.ValueAtHigh), row.BreakEvenDaysAtHigh),
            row.ValueSwing)).ToList(),
        result.Model.Parameters.Select(parameter => new ParameterDocument(parameter.Name, InOwnUnit(parameter, result.Base), parameter.Unit.Text, parameter.Owner,
            parameter.Description, parameter.Range is { } range ? [range.Low, range.High] : null, result.IsMeasured(parameter.Name), result.SourceOf(parameter.Name))).ToList(),
        result.Model.Formulas.Append(result.Model.Value)
            .Select(formula => new FormulaDocument(formula.Name, formula.Source.Text, formula.Expression.ToString(), formula.DisplayUnit?.Text, formula.Description)).ToList(),
        result.Seek);

    /// <summary>A parameter's amount in the base scenario (the measured figure when there is one), in its own unit.</summary>
    public static double InOwnUnit(ValueParameter parameter, ScenarioResult scenario) =>
        AmountDocument.Tidy(parameter.Unit.AmountOf(scenario.Parameters[parameter.Name]));

    private static ModelVariableDocument Variable(ValueAnalysisResult result, string name)
    {
        var amount = result.Model.FindParameter(name) is { } parameter
            ? new AmountDocument(InOwnUnit(parameter, result.Base), parameter.Unit.Text)
            : result.Measured!.Amount(name);
        return new ModelVariableDocument(name, amount, result.IsMeasured(name), result.SourceOf(name)!);
    }

    private static ScenarioDocument Scenario(ScenarioResult scenario, ValueModel model)
    {
        var payback = scenario.Payback;
        var money = Dimension.Of(payback.Currency);
        return new ScenarioDocument(
            scenario.Name,
            AmountDocument.Of(scenario.ValuePerDay),
            AmountDocument.Of(scenario.OperationPerDay),
            AmountDocument.Of(new Quantity(payback.NetPerDay, scenario.ValuePerDay.Dimension)),
            AmountDocument.Of(scenario.Development),
            payback.DelayDays,
            payback.HorizonDays,
            payback.BreakEvenDays,
            payback.BreaksEvenWithinHorizon,
            AmountDocument.Of(new Quantity(payback.CumulativeAtHorizon, money)),
            AmountDocument.Of(new Quantity(payback.CostToHorizon, money)),
            payback.Roi,
            model.Formulas.ToDictionary(formula => formula.Name, formula => AmountDocument.Of(scenario.Formulas[formula.Name], formula.DisplayUnit)),
            // Parameters in their own units (7.5 h/day, not 0.3125), as the file states them.
            model.Parameters.ToDictionary(parameter => parameter.Name,
                parameter => new AmountDocument(InOwnUnit(parameter, scenario), parameter.Unit.Text)));
    }
}
