using Flywheel.Value;
using Spectre.Console;

namespace Flywheel.Cli.Value;

/// <summary>The value analysis as Spectre.Console tables: scenarios side by side, the tornado, the goal seek.</summary>
internal static class ValueTables
{
    public static void Write(IAnsiConsole console, ValueAnalysisResult result)
    {
        console.MarkupLine($"[bold]{Markup.Escape(result.UseCase.Name)}[/]: {Markup.Escape(result.UseCase.Statement)}");
        if (ModelFigures(result) is { } figures) console.Write(figures);
        console.Write(Scenarios(result));
        console.Write(Tornado(result));
        if (result.Seek is { } seek)
        {
            var color = seek.Limit is null ? "red" : "green";
            console.MarkupLine($"[bold]Goal seek[/]: [{color}]{Markup.Escape(seek.Message)}[/]");
        }
    }

    /// <summary>The figures taken from a model, each labelled with where it comes from; null when the value model reads none.</summary>
    private static Table? ModelFigures(ValueAnalysisResult result)
    {
        var document = ValueDocument.From(result);
        if (document.ModelVariables.Count == 0) return null;
        var table = new Table().Title(result.Measured is { } measured ? $"Figures of model {measured.Model}" : "Figures a model will measure")
            .AddColumn("variable").AddColumn(new TableColumn("value").RightAligned().NoWrap()).AddColumn("source");
        foreach (var variable in document.ModelVariables)
        {
            var amount = variable.Value.Unit == "" ? Quantity.Format(variable.Value.Amount) : $"{Quantity.Format(variable.Value.Amount)} {variable.Value.Unit}";
            table.AddRow(Markup.Escape(variable.Name), Markup.Escape(amount), variable.Measured ? Markup.Escape(variable.Source) : $"[yellow]{Markup.Escape(variable.Source)}[/]");
        }
        return table;
    }

    private static Table Scenarios(ValueAnalysisResult result)
    {
        var table = new Table().Title($"Payback over {ValueText.Horizon(result.Base.Payback.HorizonDays)}").AddColumn("");
        foreach (var scenario in result.Scenarios) table.AddColumn(new TableColumn(Markup.Escape(scenario.Name)).RightAligned());

        void Row(string label, Func<ScenarioResult, string> cell) =>
            table.AddRow(result.Scenarios.Select(cell).Select(Markup.Escape).Prepend(Markup.Escape(label)).ToArray());

        Row("value / day", scenario => scenario.ValuePerDay.ToString());
        Row("operation / day", scenario => scenario.OperationPerDay.ToString());
        Row("net / day", scenario => ValueText.Money(scenario.Payback.NetPerDay, scenario.ValuePerDay.UnitText));
        Row("development", scenario => scenario.Development.ToString());
        Row("value starts", scenario => ValueText.Days(scenario.Payback.DelayDays));
        Row("break-even", scenario => ValueText.Days(scenario.Payback.BreakEvenDays)
            + (scenario.Payback.BreakEvenDays is not null && !scenario.Payback.BreaksEvenWithinHorizon ? " — after the horizon" : ""));
        Row("cumulative at horizon", scenario => ValueText.Money(scenario.Payback.CumulativeAtHorizon, scenario.Payback.Currency));
        Row("ROI at horizon", scenario => ValueText.Percent(scenario.Payback.Roi));
        foreach (var formula in result.Model.Formulas)
            Row(formula.Name, scenario => formula.Display(scenario.Formulas[formula.Name]));
        return table;
    }

    /// <summary>Sensitivity rows shown; the rest (smaller swings) are counted in the caption and listed by --json.</summary>
    internal const int MaxTornadoRows = 30;

    private static Table Tornado(ValueAnalysisResult result)
    {
        var unit = result.Base.ValuePerDay.UnitText;
        var table = new Table().Title("Sensitivity (each parameter over its range, others held; ±20% when no range)")
            .AddColumn(new TableColumn("parameter").NoWrap()).AddColumn("owner")
            .AddColumn(new TableColumn("low → high").RightAligned().NoWrap())
            .AddColumn(new TableColumn($"value ({unit})").RightAligned().NoWrap())
            .AddColumn(new TableColumn("break-even").RightAligned().NoWrap())
            .AddColumn(new TableColumn("swing").NoWrap());
        var widest = result.Sensitivity.Select(row => row.ValueSwing).DefaultIfEmpty(0).Max();
        // Ranked by swing: the top rows are the tornado; a model with thousands of parameters would print them all.
        foreach (var row in result.Sensitivity.Take(MaxTornadoRows))
        {
            var bar = widest > 0 ? new string('█', (int)Math.Round(10 * row.ValueSwing / widest)) : "";
            var suffix = row.Unit == "" ? "" : " " + row.Unit;
            table.AddRow(
                Markup.Escape(row.Parameter),
                Markup.Escape(row.Owner ?? ""),
                Markup.Escape($"{Quantity.Format(row.Low)} → {Quantity.Format(row.High)}{suffix}"),
                Markup.Escape($"{Quantity.Format(row.ValueAtLow.Value)} → {Quantity.Format(row.ValueAtHigh.Value)}"),
                Markup.Escape(ValueText.DaysRange(row.BreakEvenDaysAtLow, row.BreakEvenDaysAtHigh)),
                $"[blue]{bar}[/]");
        }
        if (result.Sensitivity.Count > MaxTornadoRows)
            table.Caption($"and {result.Sensitivity.Count - MaxTornadoRows:N0} more parameters with smaller swings (--json lists every one)");
        return table;
    }
}
