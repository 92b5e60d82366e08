using System.CommandLine;
using Flywheel.Registry;
using Flywheel.Storage;
using Spectre.Console;

namespace Flywheel.Cli.Models;

/// <summary><c>flywheel models register PACKAGE</c>: verify a package folder and register it as the next version of its model.</summary>
internal static class ModelsRegisterCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("PACKAGE") { Description = "Model package folder (holding manifest.json)" };
        var run = new Option<Guid?>("--run") { Description = "Id of the training run that produced the package" };
        var directory = StoreOptions.Directory();
        var store = StoreOptions.Store();
        var actor = StoreOptions.Actor();
        var json = StoreOptions.Json();
        var command = new Command("register", "Register a model package as a new version of its model") { package, run, directory, store, actor, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = new ModelCatalog(MetadataStore.ForUseCase(parse.GetValue(directory)!, CliStore.Options(parse.GetValue(store))));
            var opened = ModelPackage.Open(parse.GetValue(package)!);
            var version = await catalog.RegisterAsync(new PackageRef(opened.Id, opened.Path), StoreOptions.ResolveActor(parse.GetValue(actor)), parse.GetValue(run), cancellationToken);
            if (parse.GetValue(json)) CliJson.Write(version);
            else AnsiConsole.MarkupLineInterpolated($"registered {version.Reference} (package {opened.Id[..12]}…)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
