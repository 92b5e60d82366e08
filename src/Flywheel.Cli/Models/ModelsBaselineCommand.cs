using System.CommandLine;
using Flywheel.Registry;
using Flywheel.Workflows.Baselines;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary>
/// <c>flywheel models baseline MODEL -o FOLDER</c>: exports the package's monitoring baseline as Model Monitor's
/// <c>statistics.json</c> and <c>constraints.json</c> (<see cref="BaselineExport"/>). Exit 3 for an unknown model,
/// 2 for a package without a baseline.
/// </summary>
internal static class ModelsBaselineCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("MODEL") { Description = "name@alias, name:version, a model name (its newest version) or a package folder" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write statistics.json and constraints.json into (created when missing; existing files are replaced)", Required = true };
        var directory = StoreOptions.Directory();
        var store = StoreOptions.Store();
        var json = StoreOptions.Json();
        var command = new Command("baseline", "Export a model's monitoring baseline as Model Monitor's statistics.json and constraints.json") { reference, output, directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (catalog, parsed) = ModelCatalog.ForReference(parse.GetValue(reference)!, parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var resolved = await catalog.ResolveAsync(parsed, cancellationToken);
            var written = BaselineExport.Export(resolved.Package, Path.GetFullPath(parse.GetValue(output)!));
            if (parse.GetValue(json)) CliJson.Write(new { model = resolved.Version?.Reference, packageId = resolved.Package.Id, files = written });
            else foreach (var file in written) AnsiConsole.MarkupLineInterpolated($"wrote {file}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
