using System.CommandLine;
using System.Globalization;
using Flywheel.Data.Diagnosis;
using Flywheel.Data.Profiling;
using Flywheel.Data.Sources;
using Flywheel.Reports;
using Spectre.Console;

namespace Flywheel.Cli.Data;

/// <summary><c>flywheel data profile FILE|DIR [--target COL] [--json] [-o report.html]</c>: what each column holds.</summary>
public static class DataProfileCommand
{
    public static Command Create()
    {
        var path = DataOptions.Path();
        var target = DataOptions.Target();
        var json = DataOptions.Json();
        var output = DataOptions.Output();
        var command = new Command("profile", "Per column: kind, missing, distinct, summary statistics, histogram; the target's distribution")
        {
            path, target, json, output,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            await Task.Yield(); // Ctrl-C cancels the token; the running DuckDB query is interrupted
            var file = parseResult.GetValue(path)!;
            using var loggers = CliLogging.Create(parseResult);
            var sources = new SourceOptions { Logger = loggers.CreateLogger("Flywheel.Data") };
            var html = DataOptions.Target(parseResult.GetValue(output), file, parseResult.GetValue(json), CliUseCase.Options(parseResult));
            var (profile, report) = DataProgressBar.Run("profiling", progress => DataAnalysis.Diagnose(file, parseResult.GetValue(target), progress: progress, sourceOptions: sources, cancellation: cancellation, useCase: CliUseCase.Options(parseResult)));
            html?.WriteAllText(DataReport.Build(profile, report).ToHtml());
            if (html is { IsStream: true }) return ExitCodes.Ok;
            if (parseResult.GetValue(json)) Console.Out.WriteLine(DataReportJson.Profile(profile));
            else Write(AnsiConsole.Console, profile, parseResult.GetValue(output));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, DataProfile profile, string? html)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(Path.GetFileName(profile.File))}[/]: {profile.Rows:N0} rows, {profile.Columns.Count} columns");
        foreach (var header in new[] { "column", "kind", "missing", "distinct", "summary" }) table.AddColumn(header);
        foreach (var column in profile.Columns)
        {
            table.AddRow(
                Markup.Escape(column.Name) + (column.Name == profile.Target?.Name ? " [bold](target)[/]" : ""),
                column.Kind.Name(),
                column.Missing == 0 ? "" : $"{column.Missing:N0} ({DiagnosisContext.Percent(column.MissingFraction)})",
                column.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(DataReportText.Summary(column)));
        }
        console.Write(table);
        if (profile.Target is { } target) console.MarkupLine(Markup.Escape(DataReportText.Target(target)));
        if (profile.DuplicateRows > 0) console.MarkupLine($"[yellow]{profile.DuplicateRows:N0} duplicate rows[/]");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
    }
}
