using Flywheel.Value;

namespace Flywheel.Reports;

/// <summary>
/// The tables of the value page, computed once: the HTML page (<see cref="ValueReport"/>), the report JSON and
/// <c>flywheel value</c>'s CLI tables all render these, so they cannot diverge.
/// </summary>
public static class ValueReportTables
{
    public const string ScenariosHeading = "Scenarios and payback";

    /// <summary>The scenarios side by side: value, costs, payback, ROI, every formula and each scenario's overrides.</summary>
    public static ReportTable Scenarios(ValueAnalysisResult result)
    {
        var scenarios = result.Scenarios;
        var rows = new List<IReadOnlyList<TableCell>>();
        void Row(string label, Func<ScenarioResult, TableCell> cell) =>
            rows.Add(scenarios.Select(cell).Prepend(TableCell.Plain(label)).ToList());

        Row("value / day", scenario => Rate(scenario.ValuePerDay));
        Row("operation / day", scenario => Rate(scenario.OperationPerDay));
        Row("net / day", scenario => TableCell.Number(scenario.Payback.NetPerDay, scenario.ValuePerDay.UnitText));
        Row("development", scenario => TableCell.Money(scenario.Development.Value, scenario.Development.UnitText));
        Row("value starts", scenario => TableCell.Days(scenario.Payback.DelayDays));
        Row("break-even", BreakEven);
        Row("cumulative at horizon", scenario => TableCell.Money(scenario.Payback.CumulativeAtHorizon, scenario.Payback.Currency));
        Row("ROI at horizon", scenario => TableCell.Percent(scenario.Payback.Roi));
        foreach (var formula in result.Model.Formulas)
            Row(formula.Name, scenario => TableCell.Number(formula.Display(scenario.Formulas[formula.Name])));
        foreach (var scenario in result.Model.Scenarios)
        {
            foreach (var (name, expression) in scenario.Overrides)
                Row($"{scenario.Name}: {name}", s => TableCell.Number(s.Name == scenario.Name ? expression.Expression.ToString() : ""));
        }
        return new ReportTable(scenarios.Select(scenario => scenario.Name).Prepend("").ToList(), rows,
            $"Payback over {ValueText.Horizon(result.Base.Payback.HorizonDays)}");
    }

    /// <summary>Sensitivity rows shown (the largest swings: the tornado); the rest are counted in the caption and listed by --json.</summary>
    public const int MaxSensitivityRows = 30;

    /// <summary>Each parameter over its range, the others held: the value at each end, the swing and the break-even.</summary>
    public static ReportTable Sensitivity(ValueAnalysisResult result)
    {
        var unit = result.Base.ValuePerDay.UnitText;
        // Ranked by swing; a model with thousands of parameters would otherwise print them all.
        var rows = result.Sensitivity.Take(MaxSensitivityRows).Select(row => (IReadOnlyList<TableCell>)
        [
            row.Parameter,
            row.Owner,
            TableCell.Number($"{NumberText.Number(row.Low)} → {NumberText.Number(row.High)}{(row.Unit == "" ? "" : " " + row.Unit)}"),
            TableCell.Number(row.ValueAtLow.Value),
            TableCell.Number(row.ValueAtHigh.Value),
            TableCell.Number(row.ValueSwing),
            TableCell.Number(ValueText.DaysRange(row.BreakEvenDaysAtLow, row.BreakEvenDaysAtHigh)),
        ]);
        return new ReportTable(["parameter", "owner", "low → high", "value at low", "value at high", "swing", "break-even"], rows,
            $"Sensitivity of the value ({unit}): each parameter over its range, the others held; ±20% when no range is given"
            + (result.Sensitivity.Count > MaxSensitivityRows
                ? $"; the {MaxSensitivityRows} largest swings, and {NumberText.Count(result.Sensitivity.Count - MaxSensitivityRows, "more parameter")} with smaller swings (--json lists every one)"
                : ""));
    }

    /// <summary>Every figure the value model takes from a model and where it comes from; null when it reads none.</summary>
    public static ReportTable? ModelFigures(ValueAnalysisResult result)
    {
        var variables = ValueDocument.From(result).ModelVariables;
        if (variables.Count == 0) return null;
        var rows = variables.Select(variable => (IReadOnlyList<TableCell>)
        [
            variable.Name,
            TableCell.Number(variable.Value.Amount, variable.Value.Unit),
            TableCell.Plain(variable.Source, variable.Measured ? CellTone.None : CellTone.Warning),
        ]);
        return new ReportTable(["variable", "value", "source"], rows, ModelFiguresHeading(result));
    }

    public static string ModelFiguresHeading(ValueAnalysisResult result) =>
        result.Measured is { } measured ? $"Figures of model {measured.Model}" : "Figures a model will measure";

    private static TableCell Rate(Quantity quantity) => TableCell.Number(quantity.Value, quantity.UnitText);

    private static TableCell BreakEven(ScenarioResult scenario)
    {
        var payback = scenario.Payback;
        var late = payback.BreakEvenDays is not null && !payback.BreaksEvenWithinHorizon ? " — after the horizon" : "";
        return new TableCell(CellKind.Number, NumberText.Days(payback.BreakEvenDays) + late, payback.BreakEvenDays, payback.BreakEvenDays is null ? null : "days");
    }
}
