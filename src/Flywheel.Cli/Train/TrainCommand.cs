using System.CommandLine;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Train;

/// <summary><c>flywheel train [DIR] [--budget 60s] [--seed N]</c>: search, refit, test and package a model.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var budget = new Option<string?>("--budget", "-b") { Description = "Time for the whole training job (search, refit, test, package), e.g. 60s, 5m (default: training.budget, else 60s)" };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default: training.seed, else data.split.seed)" };
        var trials = new Option<int?>("--max-trials") { Description = "Stop after this many trials even if budget remains" }.Count(OptionChecks.MaxTrials);
        var json = new Option<bool>("--json") { Description = "Print one JSON object (the evaluation) instead of tables" };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var production = new Option<bool>("--with-production-data") { Description = "Retrain: add the endpoint's labelled production rows (all but the most recent, held out) and compare the candidate with the champion on them" };
        var endpoint = new Option<string?>("--endpoint") { Description = "With --with-production-data: the endpoint whose labels to use (default: data.production.endpoint, else the use case's name)" };
        var command = new Command("train", "Search trainers and hyperparameters, average the best into an ensemble when it holds up, test, package and register it as @candidate, all within a time budget")
        {
            path, budget, seed, trials, json, store, production, endpoint,
        };
        // The token is System.CommandLine's: Ctrl-C / SIGTERM cancel it, the workflow stops at its next check and the
        // OperationCanceledException reaches FlywheelCli (exit 130).
        command.SetAction(async (parseResult, cancellation) =>
        {
            // Yield first, so the host awaits the action and can hold it to its termination timeout (2 s) after a signal.
            await Task.Yield();
            using var loggers = CliLogging.Create(parseResult);
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            var request = new TrainRequest(Budget(parseResult.GetValue(budget)), parseResult.GetValue(seed), parseResult.GetValue(trials), Store: parseResult.GetValue(store))
            {
                LoggerFactory = loggers,
                StoreOptions = Models.CliStore.Options(parseResult.GetValue(store)),
            };
            if (parseResult.GetValue(endpoint) is not null && !parseResult.GetValue(production))
                throw new InputException("--endpoint names the endpoint whose production labels to train on; it needs --with-production-data", "--endpoint");
            if (parseResult.GetValue(production))
            {
                var retrained = RetrainConsole.Run(useCase, request, parseResult.GetValue(endpoint), parseResult.GetValue(json), cancellation);
                if (parseResult.GetValue(json)) Console.Out.WriteLine(RetrainConsole.Json(retrained));
                else RetrainConsole.Write(AnsiConsole.Console, retrained);
                return ExitCodes.Ok;
            }
            var outcome = TrainingConsole.Train(useCase, request, quiet: parseResult.GetValue(json), cancellation);
            if (parseResult.GetValue(json)) Console.Out.WriteLine(EvaluationDocument.From(outcome.Record, outcome.Test, outcome.Version).ToJson());
            else TrainingTables.Write(AnsiConsole.Console, outcome);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static TimeSpan? Budget(string? text) =>
        text is null ? null : DurationText.TryParse(text) ?? throw new InputException($"--budget must be a duration such as 60s, 5m or 1h, at most {DurationText.Longest.TotalDays:0} days, not '{text}'");
}
