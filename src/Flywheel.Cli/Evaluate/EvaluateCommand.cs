using System.CommandLine;
using Flywheel.Cli.Train;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Evaluate;

/// <summary><c>flywheel evaluate [DIR] [--model REF] [--json]</c>: a model's test evaluation and decision analysis.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var model = new Option<string?>("--model", "-m") { Description = "name@alias, name:version or a package folder (default: the use case's newest version)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var command = new Command("evaluate", "Show a model's test metrics, confusion matrix and decision analysis (threshold chosen on validation)") { path, model, json, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var useCase = parseResult.GetValue(path)!;
            var directory = Directory.Exists(useCase) ? useCase : Path.GetDirectoryName(Path.GetFullPath(useCase))!;
            var resolved = await ModelLocator.ResolveAsync(parseResult.GetValue(model) ?? useCase, directory, parseResult.GetValue(store), cancellation);
            var stored = StoredEvaluation.Load(resolved.Package);
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(EvaluationDocument.From(stored.Record, stored.Test, resolved.Name()).ToJson());
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine(Markup.Escape($"model {resolved.Name()}: {stored.Record.Trainer} ({stored.Record.Task}), chosen by {stored.Record.Objective} out of {stored.Record.Trials.Count} trials"));
            TrainingTables.Metrics(AnsiConsole.Console, stored.Test);
            TrainingTables.Decision(AnsiConsole.Console, stored.Test);
            return ExitCodes.Ok;
        });
        return command;
    }
}
