using System.CommandLine;
using Flywheel.Serving;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Predict;

/// <summary>
/// <c>flywheel predict MODEL INPUT -o OUTPUT [-d DIR] [--store STORE]</c>: score a CSV with a model package. Like the
/// <c>models</c> verbs, <c>-d</c> names the use case whose store resolves <c>name@alias</c>, so it works from any folder.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model: use-case folder (its newest version), package folder, name@alias or name:version" };
        var input = new Argument<string>("input") { Description = "CSV with the model's input columns, written as the training file was (delimiter, decimal separator, missing tokens; UTF-8)" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the scored CSV (- for standard output)", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Rows scored together", DefaultValueFactory = _ => CsvPredictor.DefaultBatchSize }.Count(OptionChecks.MaxBatchSize);
        var directory = Models.StoreOptions.Directory();
        var store = Models.StoreOptions.Store();
        var command = new Command("predict", "Score a CSV: adds score, label (empty for review), decision (automatic|review), suggested_label and, for multiclass, p_<class> columns") { model, input, output, batch, directory, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            using var loggers = CliLogging.Create(parseResult);
            var target = CliOutput.Target(parseResult.GetValue(output)!, parseResult.GetValue(input));
            var package = await ModelLocator.ResolveAsync(parseResult.GetValue(model)!, parseResult.GetValue(directory), Models.CliStore.Options(parseResult.GetValue(store)), cancellation);
            var scoring = ScoringModel.Load(package.Package);
            var summary = CsvPredictor.Predict(scoring, parseResult.GetValue(input)!, target, parseResult.GetValue(batch), logger: loggers.CreateLogger("Flywheel.Serving"), cancellation: cancellation);
            CliOutput.Messages(target).WriteLine(
                $"{summary.Rows:N0} rows scored in {summary.Duration.TotalSeconds:0.00}s ({summary.RowsPerSecond:N0} rows/s); {summary.Review:N0} for review → {target.Display}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
