using System.CommandLine;
using Flywheel.Serving;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Predict;

/// <summary><c>flywheel predict MODEL INPUT -o OUTPUT</c>: score a CSV with a model package.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model package folder, or a use-case folder (its newest model)" };
        var input = new Argument<string>("input") { Description = "CSV with the model's input columns (a header row, UTF-8)" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the scored CSV", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Rows scored together", DefaultValueFactory = _ => CsvPredictor.DefaultBatchSize };
        var command = new Command("predict", "Score a CSV: adds score, label and decision (automatic|review) columns") { model, input, output, batch };
        command.SetAction(parseResult =>
        {
            var package = ModelReference.Resolve(parseResult.GetValue(model)!);
            var scoring = ScoringModel.Load(package);
            var summary = CsvPredictor.Predict(scoring, parseResult.GetValue(input)!, parseResult.GetValue(output)!, parseResult.GetValue(batch));
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{summary.Rows:N0} rows scored in {summary.Duration.TotalSeconds:0.00}s ({summary.RowsPerSecond:N0} rows/s); {summary.Review:N0} for review → {parseResult.GetValue(output)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
