using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Storage;

namespace Flywheel.Cli.Runs;

/// <summary><c>flywheel runs list|show</c>: the training runs in a use case's store, as they were recorded live.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "Training runs recorded in a use case's store: status, trials, why a run failed");
        command.Subcommands.Add(RunsListCommand.Create());
        command.Subcommands.Add(RunsShowCommand.Create());
        return command;
    }

    internal static Argument<string> DirectoryArgument() =>
        new("DIR") { Description = "Use-case folder (default: current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };

    /// <summary>The folder from DIR or --dir (DIR wins when both are given, as with models list).</summary>
    internal static MetadataStore Open(string? argument, string option, string? store) =>
        MetadataStore.ForUseCase(argument is null or "." ? option : argument, CliStore.Options(store));

    internal static string Status(RunStatus status) => status.ToString().ToLowerInvariant();

    internal static string Short(Guid id) => id.ToString("N")[..8];
}
