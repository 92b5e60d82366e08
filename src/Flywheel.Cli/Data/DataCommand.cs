using System.CommandLine;

namespace Flywheel.Cli.Data;

/// <summary><c>flywheel data ...</c>: analyze and prepare the data. One line per subcommand.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Analyze and prepare the data: profile, diagnose, split");
        command.Add(DataProfileCommand.Create());
        command.Add(DataDiagnoseCommand.Create());
        command.Add(DataSplitCommand.Create());
        command.Add(DataProductionCommand.Create());
        return command;
    }
}
