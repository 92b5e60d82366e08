using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Flywheel.UseCases;
using Flywheel.Value;
using Flywheel.Workflows;
using Spectre.Console;

namespace Flywheel.Cli.Value;

/// <summary>
/// <c>flywheel value [DIR|FILE] [--model REF]</c>: scenarios side by side, the tornado, and an optional goal seek, priced
/// with the measured figures of the use case's model once one is trained.
/// </summary>
public static class ValueCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The use-case folder or its flywheel.yaml", DefaultValueFactory = _ => "." };
        var scenario = new Option<string?>("--scenario", "-s") { Description = "Show only this scenario beside the base" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var seek = new Option<string?>("--seek") { Description = "Find the worst value of this parameter that still breaks even within the horizon" };
        var targetRoi = new Option<double?>("--target-roi") { Description = "With --seek: reach this ROI at the horizon instead of breaking even, as a ratio (1.5 = 150 %)" }.Finite();
        var model = ModelOption();
        var store = StoreOption();

        var command = new Command("value", "Price the use case: value per day, payback, ROI per scenario, sensitivity and goal seek")
        {
            path, scenario, json, seek, targetRoi, model, store,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var useCase = CliUseCase.Load(parseResult, parseResult.GetValue(path)!);
            var options = new ValueAnalysisOptions(parseResult.GetValue(scenario), parseResult.GetValue(seek), parseResult.GetValue(targetRoi));
            var storeOptions = Models.CliStore.Options(parseResult.GetValue(store));
            var result = await Flywheel.Operate.Listings.ValuePricing.RunAsync(useCase, options, parseResult.GetValue(model), storeOptions, cancellation);
            if (parseResult.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonSerializer.Serialize(ValueDocument.From(result), Json));
            }
            else
            {
                ValueTables.Write(Console(), result);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>--model</c>, shared with <c>report</c>: whose measured figures price the use case.</summary>
    internal static Option<string?> ModelOption() => new("--model", "-m")
    {
        Description = "The model whose measured decision.* and model.* figures price the use case: name@alias, name:version or a package folder (default: <use case>@candidate, if trained)",
    };

    internal static Option<string?> StoreOption() => new("--store")
    {
        Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's",
    };

    // Piped output has no terminal width; Spectre would assume 80 columns and wrap the numbers.
    private static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 140);
        return console;
    }
}
