using Flywheel.Data.Sources;
using System.CommandLine;
using Flywheel.Data.Diagnosis;
using Flywheel.Reports;
using Spectre.Console;

namespace Flywheel.Cli.Data;

/// <summary><c>flywheel data diagnose FILE|DIR [--target COL] [--json] [-o report.html]</c>: findings, whom to ask, and readiness.</summary>
public static class DataDiagnoseCommand
{
    public static Command Create()
    {
        var path = DataOptions.Path();
        var target = DataOptions.Target();
        var json = DataOptions.Json();
        var output = DataOptions.Output();
        var command = new Command("diagnose", "Find what needs attention before training (missing, leakage, imbalance, ...), whom to ask, and the readiness level")
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
            var (profile, report) = DataProgressBar.Run("diagnosing", progress => DataAnalysis.Diagnose(file, parseResult.GetValue(target), progress: progress, sourceOptions: sources, cancellation: cancellation, useCase: CliUseCase.Options(parseResult)));
            html?.WriteAllText(DataReport.Build(profile, report).ToHtml());
            if (html is { IsStream: true }) return ExitCodes.Ok;
            if (parseResult.GetValue(json)) Console.Out.WriteLine(DataReportJson.Diagnosis(report));
            else Write(AnsiConsole.Console, report, parseResult.GetValue(output));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, DiagnosisReport report, string? html)
    {
        var table = new Table().Title($"{report.Rows:N0} rows, {report.Columns} columns{(report.Target is null ? "" : $", target {Markup.Escape(report.Target)}")}: {report.Findings.Count} findings");
        foreach (var header in new[] { "severity", "kind", "finding", "action", "ask" }) table.AddColumn(header);
        foreach (var finding in report.Findings)
        {
            var color = finding.Severity switch { Severity.Critical => "red", Severity.Warning => "yellow", _ => "grey" };
            table.AddRow($"[{color}]{finding.Severity.ToString().ToLowerInvariant()}[/]", finding.Kind, Markup.Escape(finding.Message), Markup.Escape(finding.Action), finding.AskRole);
        }
        console.Write(table);
        var readiness = report.Readiness;
        console.MarkupLine($"[bold]readiness {readiness.Number}/3[/]: {Markup.Escape(readiness.Description)}");
        foreach (var step in readiness.NextSteps) console.MarkupLine($"  next: {Markup.Escape(step)}");
        if (html is not null) console.MarkupLine($"report: {Markup.Escape(html)}");
    }
}
