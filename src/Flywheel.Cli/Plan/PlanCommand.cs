using System.CommandLine;
using System.Text.Json;
using Flywheel.UseCases;
using Flywheel.Value.Plans;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Plan;

/// <summary>
/// <c>flywheel plan [DIR] [--json] [--store S]</c>: the staged plan side by side — each step's metric, value per day,
/// cost, payback and go/no-go. Rule steps are measured on the test split and registered as models of their own.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var command = new Command("plan", "Show the staged plan (manual → rule → ML) on one metric: value, cost, payback and go/no-go per step; registers the rule steps as models")
        {
            path, json, store,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            var plan = await PlanWorkflow.RunAsync(useCase, Models.CliStore.Options(parseResult.GetValue(store)), cancellation);
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(PlanDocument.From(plan), Value.ValueCommand.Json));
                return ExitCodes.Ok;
            }
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 160);
            PlanTables.Write(console, plan);
            return ExitCodes.Ok;
        });
        return command;
    }
}
