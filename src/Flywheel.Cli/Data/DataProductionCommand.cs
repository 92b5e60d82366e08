using System.CommandLine;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Production;
using Flywheel.Storage;
using Flywheel.UseCases;
using Spectre.Console;

namespace Flywheel.Cli.Data;

/// <summary>
/// <c>flywheel data production ENDPOINT|DIR --since 30d [--until …] -o file.parquet [--json]</c>: joins the endpoint's
/// labels (ground truth, review decisions, feedback) to its captured inputs, writes the labelled rows as Parquet
/// (atomically) and records the dataset version (rows, labels by source, fingerprint) in the store.
/// </summary>
public static class DataProductionCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var target = new Argument<string>("endpoint-or-folder") { Description = "An endpoint name (the use case is the current folder, or --dir), or a use-case folder (its data.production.endpoint, else its name)", DefaultValueFactory = _ => "." };
        var dir = new Option<string?>("--dir", "-d") { Description = "The use-case folder whose store and capture to read, when an endpoint is named" };
        var since = new Option<string?>("--since") { Description = "Inferences from: a duration back from now (24h, 30d) or a UTC date; default: data.production.since, else all" };
        var until = new Option<string?>("--until") { Description = "Inferences before: a duration back from now or a UTC date; default: now" };
        var output = new Option<string>("--output", "-o") { Description = "The Parquet file to write", Required = true };
        var store = new Option<string?>("--store") { Description = "Metadata store (sqlite:PATH or a PostgreSQL connection string); default FLYWHEEL_STORE, else the use case's" };
        var json = DataOptions.Json();
        var command = new Command("production", "Export the labelled production dataset of an endpoint (captured inputs + ground truth, review and feedback labels) as Parquet, versioned and fingerprinted")
        {
            target, dir, since, until, output, store, json,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var given = parseResult.GetValue(target)!;
            var isFolder = Directory.Exists(given) || File.Exists(given);
            var useCase = CliUseCase.Load(parseResult, isFolder ? given : parseResult.GetValue(dir) ?? ".");
            var endpoint = isFolder ? useCase.Data?.Production?.Endpoint ?? useCase.Name : given;
            var metadata = MetadataStore.ForUseCase(useCase.Directory, Models.CliStore.Options(parseResult.GetValue(store)));
            var now = (metadata.Options.Clock ?? TimeProvider.System).GetUtcNow();
            var from = ProductionWindow.Parse(parseResult.GetValue(since), "--since", now)
                ?? (useCase.Data?.Production?.Since is { } window ? now - window : null);
            var to = ProductionWindow.Parse(parseResult.GetValue(until), "--until", now);
            if (from is not null && to is not null && from >= to) throw new InputException($"--since ({from:O}) must be before --until ({to:O})", "--since");
            var path = CliOutput.Target(parseResult.GetValue(output)!);
            if (path.IsStream) throw new InputException("-o names the Parquet file to write; standard output is not a Parquet file", "--output");

            IHumanLabels labels = metadata.HumanLabels;
            var dataset = await new ProductionDatasetBuilder(metadata, new CaptureReader(metadata.Artifacts.Root), labels).BuildAsync(endpoint, from, to, cancellation);
            if (dataset.Rows.Count == 0)
                throw new InputException($"endpoint '{endpoint}' has no labelled production rows in the window ({dataset.Skips.Unlabelled} captured row(s) without a label, {dataset.Skips.Undecodable} not decodable); post ground truth or review items first", "--since");
            ProductionParquet.Write(dataset, path.Display);
            var version = await new ProductionDatasets(metadata).RecordAsync(dataset, Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli", cancellation);
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(new { version.Endpoint, version.Version, version.Rows, version.LabelCounts, version.Fingerprint, version.ArtifactId, output = path.Display, skipped = dataset.Skips }, Json));
            else Write(AnsiConsole.Console, version, dataset, path.Display);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, ProductionDatasetVersion version, ProductionDataset dataset, string path)
    {
        var table = new Table().Title(Markup.Escape($"production dataset {version.Endpoint} v{version.Version}")).AddColumns("", "rows");
        foreach (var (source, count) in version.LabelCounts) table.AddRow(Markup.Escape(source), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[bold]labelled[/]", version.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("without a label", dataset.Skips.Unlabelled.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("label not a known class", dataset.Skips.RejectedLabels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine(Markup.Escape($"fingerprint {version.Fingerprint}; written to {path}"));
    }
}
