using System.CommandLine;

namespace Flywheel.Cli.Models;

/// <summary><c>flywheel models</c>: list registered models, show one, move aliases, export a baseline.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Model versions, packages and aliases in a use case's store");
        command.Subcommands.Add(ModelsListCommand.Create());
        command.Subcommands.Add(ModelsShowCommand.Create());
        command.Subcommands.Add(ModelsAliasCommand.Create());
        command.Subcommands.Add(ModelsRegisterCommand.Create());
        command.Subcommands.Add(ModelsBaselineCommand.Create());
        return command;
    }
}
