using System.CommandLine;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Cli.Value;
using Flywheel.Value;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Report;

/// <summary>
/// <c>flywheel report [DIR] -o report.html [--model REF]</c>: one self-contained HTML page of the use case's value, priced
/// with the model's measured figures, with the staged plan when the use case has one (its rule steps measured and
/// registered as <c>flywheel plan</c> does).
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write (- for standard output)", DefaultValueFactory = _ => "report.html" };
        var seek = new Option<string?>("--seek") { Description = "Add a goal seek for this parameter" };
        var targetRoi = new Option<double?>("--target-roi") { Description = "With --seek: reach this ROI instead of breaking even" }.Finite();

        var model = ValueCommand.ModelOption();
        var store = ValueCommand.StoreOption();

        var command = new Command("report", "Write an HTML report: statement, formulas, owners, payback curves and tornado") { path, output, seek, targetRoi, model, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var target = CliOutput.Target(parseResult.GetValue(output)!, UseCaseLoader.Locate(parseResult.GetValue(path)!));
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            var measured = await ModelMeasurements.FindAsync(useCase, parseResult.GetValue(model), parseResult.GetValue(store), cancellation);
            var result = ValueAnalysis.Run(useCase, new ValueAnalysisOptions(null, parseResult.GetValue(seek), parseResult.GetValue(targetRoi)), measured: measured);
            var plan = useCase.Plan is null ? null : PlanWorkflow.Run(useCase);
            target.WriteAllText(ValueReport.Build(result, plan).ToHtml());
            if (target.IsStream) Console.Error.WriteLine($"wrote the report to {target.Display}");
            else AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(target.Path!)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
