using System.CommandLine;
using System.CommandLine.Help;
using Flywheel;
using Spectre.Console;

namespace Flywheel.Cli;

/// <summary>Composes the verbs. Each verb lives in its own folder and only describes its syntax and calls the library.</summary>
public static class FlywheelCli
{
    public static Command Build()
    {
        // Not RootCommand: it names itself after the entry assembly (Flywheel.Cli), and users type `flywheel`.
        var root = new Command("flywheel", "Flywheel: from a value statement to a model in production, priced in your own units.")
        {
            new HelpOption(),
            new VersionOption(),
            CliLogging.Verbose,
            CliLogging.Level,
            CliUseCase.DataRoot,
        };
        // Each verb folder contributes its commands here.
        root.Add(Init.InitCommand.Create());
        root.Add(Value.ValueCommand.Create());
        root.Add(Report.ReportCommand.Create());
        root.Add(Data.DataCommand.Create());
        root.Add(Train.TrainCommand.Create());
        root.Add(Evaluate.EvaluateCommand.Create());
        root.Add(Predict.PredictCommand.Create());
        root.Add(Run.RunCommand.Create());
        root.Add(Models.ModelsCommand.Create());
        root.Add(Runs.RunsCommand.Create());
        root.Add(Plan.PlanCommand.Create());
        root.Add(Worker.WorkerCommand.Create());
        root.Add(Serve.ServeCommand.Create());
        root.Add(Audit.AuditCommand.Create());
        root.Add(Keys.KeysCommand.Create());
        root.Add(Users.UsersCommand.Create());
        root.Add(Monitor.MonitorCommand.Create());
        root.Add(Growth.GrowthCommand.Create());
        root.Add(Simulate.SimulateCommand.Create());
        root.Add(Review.ReviewCommand.Create());
        return root;
    }

    private static string Path(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? $"{Path(parent)} {command.Name}" : command.Name;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            // No response files: "@production" is an alias, not a file to read arguments from.
            var parse = Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                // A mistyped command line is bad input like any other: exit 2, and say where to look.
                foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
                Console.Error.WriteLine($"see '{Path(parse.CommandResult.Command)} --help'");
                return ExitCodes.BadInput;
            }
            CliConsole.Configure();
            // Fault injection for outputs (-o, reports): the host passes its hook; the library reads no environment.
            using var faults = Flywheel.Storage.AtomicFile.Observe(Models.CliStore.FaultHook());
            // The default handler would print a stack trace and exit 1; user mistakes must reach the catch below.
            // A stop (Ctrl-C, SIGTERM) may take as long as a server's graceful shutdown before the process is ended anyway.
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = Serve.ServeCommand.ShutdownTimeout + TimeSpan.FromSeconds(5),
            });
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the work stopped at its next check; say so on one line, with the shell's code for SIGINT.
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (FlywheelException error)
        {
            // Validation 2, NotFound 3, Conflict 4: scripts can tell a typo from a missing model from a clash.
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: {error.Describe()}");
            return error.ExitCode();
        }
        catch (Exception error)
        {
            // A bug, not a user mistake: keep the stack trace, as the default handler did.
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: unexpected failure: {error}");
            return ExitCodes.Failure;
        }
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;

    /// <summary>Interrupted (Ctrl-C / SIGINT, or SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
