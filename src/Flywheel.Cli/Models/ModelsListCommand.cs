using System.CommandLine;
using Flywheel.Storage;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary><c>flywheel models list [DIR]</c>: every model in the store with its newest version and aliases.</summary>
internal static class ModelsListCommand
{
    private sealed record ModelListing(string Name, int Versions, ModelVersion Latest, IReadOnlyList<ModelAlias> Aliases);

    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Use-case folder (default: current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var store = StoreOptions.Store();
        var json = StoreOptions.Json();
        var command = new Command("list", "List registered models") { directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metadata = MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store)));
            var listings = new List<ModelListing>();
            foreach (var name in await metadata.Models.ListModelNamesAsync(cancellationToken))
            {
                var versions = await metadata.Models.ListVersionsAsync(name, cancellationToken);
                listings.Add(new ModelListing(name, versions.Count, versions[^1], await metadata.Models.ListAliasesAsync(name, cancellationToken)));
            }
            if (parse.GetValue(json)) CliJson.Write(new { store = metadata.Connection.Describe(), models = listings });
            else Render(metadata, listings);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(MetadataStore metadata, IReadOnlyList<ModelListing> listings)
    {
        if (listings.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No models registered in {metadata.Connection.Describe()}.");
            return;
        }
        var table = new Table().AddColumns("model", "versions", "newest", "registered", "by", "aliases");
        foreach (var listing in listings)
        {
            table.AddRow(
                Markup.Escape(listing.Name),
                listing.Versions.ToString(),
                listing.Latest.Version.ToString(),
                listing.Latest.RegisteredAt.ToString("yyyy-MM-dd HH:mm 'UTC'"),
                Markup.Escape(listing.Latest.RegisteredBy),
                Markup.Escape(string.Join(", ", listing.Aliases.Select(a => $"@{a.Alias}→{a.Version}"))));
        }
        AnsiConsole.Write(table);
    }
}
