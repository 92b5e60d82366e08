using System.CommandLine;
using Flywheel;
using Spectre.Console;

namespace Flywheel.Cli;

/// <summary>Composes the verbs. Each verb lives in its own folder and only describes its syntax and calls the library.</summary>
public static class FlywheelCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Flywheel: from a value statement to a model in production, priced in your own units.");
        // Each verb folder contributes its commands here.
        root.Add(Value.ValueCommand.Create());
        root.Add(Train.TrainCommand.Create());
        root.Add(Evaluate.EvaluateCommand.Create());
        root.Add(Predict.PredictCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            // Our handler below turns user mistakes into exit 2 without a stack trace; System.CommandLine's own would print one.
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InputException error)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: {error.Describe()}");
            return ExitCodes.BadInput;
        }
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
