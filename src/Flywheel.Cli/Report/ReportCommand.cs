using System.CommandLine;
using Flywheel.Reports;
using Flywheel.UseCases;
using Flywheel.Cli.Value;
using Flywheel.Value;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Report;

/// <summary>
/// <c>flywheel report [DIR] -o report.html [--model REF] [--json]</c>: one self-contained HTML page of the use case's value,
/// priced with the model's measured figures, with the staged plan when the use case has one (its rule steps measured and
/// registered as <c>flywheel plan</c> does). With <c>--json</c> the same report document (sections, key figures, typed
/// table cells, chart specs) is printed on stdout for the web UI, and the "wrote" line goes to stderr.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write (- for standard output)", DefaultValueFactory = _ => "report.html" };
        var seek = new Option<string?>("--seek") { Description = "Add a goal seek for this parameter" };
        var targetRoi = new Option<double?>("--target-roi") { Description = "With --seek: reach this ROI at the horizon instead of breaking even, as a ratio (1.5 = 150 %)" }.Finite();

        var json = new Option<bool>("--json") { Description = "Also print the report document as one JSON object on stdout (see docs/architecture.md, Reports)" };
        var model = ValueCommand.ModelOption();
        var store = ValueCommand.StoreOption();

        var command = new Command("report", "Write an HTML report: statement, formulas, owners, payback curves and tornado") { path, output, seek, targetRoi, json, model, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var target = CliOutput.Target(parseResult.GetValue(output)!, UseCaseLoader.Locate(parseResult.GetValue(path)!));
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            var storeOptions = Models.CliStore.Options(parseResult.GetValue(store));
            var result = await Flywheel.Operate.Listings.ValuePricing.RunAsync(useCase,
                new ValueAnalysisOptions(null, parseResult.GetValue(seek), parseResult.GetValue(targetRoi)), parseResult.GetValue(model), storeOptions, cancellation);
            var plan = useCase.Plan is null ? null : PlanWorkflow.Run(useCase);
            var report = ValueReport.Build(result, plan);
            if (parseResult.GetValue(json) && target.IsStream)
                throw new InputException("--json and '-o -' would both write to standard output; give -o a file", "--output");
            target.WriteAllText(report.ToHtml());
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(report.ToJson());
                Console.Error.WriteLine($"wrote {target.Display}");
            }
            else if (target.IsStream) Console.Error.WriteLine($"wrote the report to {target.Display}");
            else AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(target.Path!)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
