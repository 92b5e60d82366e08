using System.CommandLine;
using Flywheel.Registry;
using Flywheel.Storage;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary><c>flywheel models alias REF ALIAS [--remove]</c>: point an alias at a version, or remove it; every change is audited.</summary>
internal static class ModelsAliasCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "The version to point at: name:version, name@alias or name (newest); with --remove, the model name" };
        var alias = new Argument<string>("ALIAS") { Description = "Alias such as production or @candidate" };
        var remove = new Option<bool>("--remove") { Description = "Remove the alias instead of setting it" };
        var directory = StoreOptions.Directory();
        var store = StoreOptions.Store();
        var actor = StoreOptions.Actor();
        var json = StoreOptions.Json();
        var command = new Command("alias", "Set, move or remove a model alias (audited)") { reference, alias, remove, directory, store, actor, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (catalog, parsed) = ModelCatalog.ForReference(parse.GetValue(reference)!, parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var who = StoreOptions.ResolveActor(parse.GetValue(actor));
            var change = parse.GetValue(remove)
                ? await catalog.Store.Models.RemoveAliasAsync(parsed.ModelName ?? throw NeedsName(parsed), parse.GetValue(alias)!, who, cancellationToken)
                : await catalog.SetAliasAsync(parse.GetValue(reference)!, parse.GetValue(alias)!, who, cancellationToken);
            if (parse.GetValue(json)) CliJson.Write(new { changed = change is not null, change });
            else Render(change, RegistryNames.CheckAlias(parse.GetValue(alias)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static InputException NeedsName(ModelReference reference) =>
        new($"'{reference.Text}' is a package path; --remove needs a model name", "REF");

    private static void Render(AliasEvent? change, string alias)
    {
        if (change is null)
        {
            AnsiConsole.MarkupLineInterpolated($"@{alias} already points there; nothing changed.");
            return;
        }
        var text = change.Transition switch
        {
            AliasTransition.Assigned => $"{change.ModelName}@{change.Alias} → version {change.ToVersion}",
            AliasTransition.Moved => $"{change.ModelName}@{change.Alias}: version {change.FromVersion} → {change.ToVersion}",
            _ => $"{change.ModelName}@{change.Alias} removed (was version {change.FromVersion})",
        };
        AnsiConsole.MarkupLineInterpolated($"{text} [grey](by {change.Actor}, {change.At:yyyy-MM-dd HH:mm} UTC)[/]");
    }
}
