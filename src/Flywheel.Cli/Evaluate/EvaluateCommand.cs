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
        var model = new Option<string?>("--model", "-m") { Description = "A model package folder (default: the use case's newest model)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var command = new Command("evaluate", "Show a model's test metrics, confusion matrix and decision analysis (threshold chosen on validation)") { path, model, json };
        command.SetAction(parseResult =>
        {
            var package = ModelReference.Resolve(parseResult.GetValue(model) ?? parseResult.GetValue(path)!);
            var stored = StoredEvaluation.Load(package);
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(EvaluationDocument.From(stored.Record, stored.Test, stored.Id).ToJson());
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine(Markup.Escape($"model {stored.Id}: {stored.Record.Trainer} ({stored.Record.Task}), chosen by {stored.Record.Objective} out of {stored.Record.Trials.Count} trials"));
            TrainingTables.Metrics(AnsiConsole.Console, stored.Test);
            TrainingTables.Decision(AnsiConsole.Console, stored.Test);
            return ExitCodes.Ok;
        });
        return command;
    }
}
