using System.CommandLine;
using Flywheel.Cli.Train;
using Flywheel.Evaluation.Decisions;
using Flywheel.Serving;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Evaluate;

/// <summary>
/// <c>flywheel evaluate [DIR] [--model REF] [--data FILE] [--json]</c>: a model's test evaluation and decision analysis,
/// or, with <c>--data</c>, the same on a labelled file scored now with the package's decision policy.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var model = new Option<string?>("--model", "-m") { Description = "name@alias, name:version or a package folder (default: the use case's newest version)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var data = new Option<string?>("--data", "-d") { Description = "A labelled CSV to score and evaluate now (new data); the decisions keep the package's threshold or review band" };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var command = new Command("evaluate", "Show a model's test metrics, confusion matrix and decision analysis (threshold chosen on validation)") { path, model, data, json, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var useCase = parseResult.GetValue(path)!;
            // A file must be the use case's YAML; a data file here gets the same "point at a use-case folder" as every verb.
            var directory = Directory.Exists(useCase) ? useCase : Path.GetDirectoryName(Path.GetFullPath(UseCaseLoader.Locate(useCase)))!;
            var resolved = await ModelLocator.ResolveAsync(parseResult.GetValue(model) ?? useCase, directory, Models.CliStore.Options(parseResult.GetValue(store)), cancellation);
            var stored = StoredEvaluation.Load(resolved.Package);
            var report = stored.Test;
            var on = "the test split at training time";
            var file = parseResult.GetValue(data);
            if (file is not null)
            {
                var fresh = LabelledDataEvaluation.Run(ScoringModel.Load(resolved.Package), file, DecisionOf(useCase));
                report = fresh.Report;
                on = $"{file}: {fresh.Scored:N0} labelled rows{(fresh.Unlabelled > 0 ? $", {fresh.Unlabelled:N0} without a label skipped" : "")}";
            }
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine((EvaluationDocument.From(stored.Record, report, resolved.Name()) with { EvaluatedOn = on }).ToJson());
                return ExitCodes.Ok;
            }
            AnsiConsole.MarkupLine(Markup.Escape($"model {resolved.Name()}: {stored.Record.Trainer} ({stored.Record.Task}), chosen by {stored.Record.Objective} out of {stored.Record.Trials.Count} trials"));
            AnsiConsole.MarkupLine(Markup.Escape($"evaluated on {on}"));
            TrainingTables.Metrics(AnsiConsole.Console, report, file is null ? "Test metrics" : "Metrics");
            TrainingTables.Decision(AnsiConsole.Console, report, file is null ? "test" : "these rows");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The use case's decision section, when the path is a use case that has one: outcomes to price the decisions with.</summary>
    private static DecisionSettings? DecisionOf(string path)
    {
        var hasUseCase = File.Exists(path) || File.Exists(Path.Combine(path, "flywheel.yaml"));
        return hasUseCase && UseCaseLoader.Load(path).Decision is { } section ? DecisionSettings.From(section) : null;
    }
}
