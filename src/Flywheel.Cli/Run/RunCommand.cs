using System.CommandLine;
using Flywheel.Cli.Train;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Run;

/// <summary><c>flywheel run [DIR]</c>: value → diagnose → train → evaluate → report in one go.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var budget = new Option<string?>("--budget", "-b") { Description = "Time for the whole training job (search, refit, test, package), e.g. 60s, 5m (default: training.budget, else 60s)" };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default: training.seed, else data.split.seed)" };
        var trials = new Option<int?>("--max-trials") { Description = "Stop after this many trials even if budget remains" }.Count(OptionChecks.MaxTrials);
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the report pages (default: <use case>/reports)" };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var command = new Command("run", "Price, diagnose, train, evaluate and report in one go") { path, budget, seed, trials, output, store };
        command.SetAction(async (parseResult, cancellation) =>
        {
            if (parseResult.GetValue(output) is { } folder) OutputTarget.Folder(folder);
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            using var loggers = CliLogging.Create(parseResult);
            var request = new TrainRequest(TrainCommand.Budget(parseResult.GetValue(budget)), parseResult.GetValue(seed), parseResult.GetValue(trials), Store: parseResult.GetValue(store))
            {
                LoggerFactory = loggers,
                StoreOptions = Models.CliStore.Options(parseResult.GetValue(store)),
            };
            var reports = OutputTarget.Folder(parseResult.GetValue(output) ?? Path.Combine(useCase.Directory, "reports"));
            RunOutcome? outcome = null;
            // Progress on stderr, and only when it is a terminal: stdout carries the results alone.
            if (!CliConsole.ShowsProgress) outcome = await RunWorkflow.RunAsync(useCase, request, reports, null, cancellation);
            else await CliConsole.Error().Status().StartAsync("starting", async status =>
            {
                outcome = await RunWorkflow.RunAsync(useCase, request, reports, new ForwardProgress<WorkflowProgress>(update =>
                    status.Status(Markup.Escape(update.Search is { } search && search.Best is { } best
                        ? $"search: trial {search.TrialsDone}, best {search.ObjectiveName} {best.Objective:G5} ({best.Trainer}) — {search.Elapsed.TotalSeconds:0}/{search.Budget.TotalSeconds:0}s"
                        : $"{update.Stage}: {update.Message}"))), cancellation);
            });
            var result = outcome!;
            if (result.Value is { } value)
                AnsiConsole.MarkupLine(Markup.Escape($"Value (as planned): {value.Base.ValuePerDay}"));
            else if (result.ValueNote is { } note)
                AnsiConsole.MarkupLine(Markup.Escape($"Value priced after training: {note}"));
            AnsiConsole.MarkupLine(Markup.Escape($"Data: readiness {result.Diagnosis.Readiness.Number}/3, {result.Diagnosis.Findings.Count} finding(s)"));
            TrainingTables.Write(AnsiConsole.Console, result.Training);
            if (result.ValueWithModel is { } withModel)
                AnsiConsole.MarkupLine(Markup.Escape($"Value with this model's results: {withModel.Base.ValuePerDay}; break-even {Flywheel.Value.ValueText.Days(withModel.Base.Payback.BreakEvenDays)}"));
            foreach (var report in result.Reports) AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(report)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
