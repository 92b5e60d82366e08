using Flywheel.Cli.Report;
using Flywheel.Reports;
using Flywheel.Value;
using Spectre.Console;

namespace Flywheel.Cli.Value;

/// <summary>
/// The value analysis in the terminal: the value page's own tables (<see cref="ValueReportTables"/>) — the model's
/// figures, the scenarios side by side, the sensitivity — and the goal seek, rendered with Spectre.Console.
/// </summary>
internal static class ValueTables
{
    public static void Write(IAnsiConsole console, ValueAnalysisResult result)
    {
        console.MarkupLine($"[bold]{Markup.Escape(result.UseCase.Name)}[/]: {Markup.Escape(result.UseCase.Statement)}");
        if (ValueReportTables.ModelFigures(result) is { } figures) console.Write(SpectreTables.From(figures));
        console.Write(SpectreTables.From(ValueReportTables.Scenarios(result)));
        console.Write(SpectreTables.From(ValueReportTables.Sensitivity(result)));
        if (result.Seek is { } seek)
        {
            var color = seek.Limit is null ? "red" : "green";
            console.MarkupLine($"[bold]Goal seek[/]: [{color}]{Markup.Escape(seek.Message)}[/]");
        }
    }
}
