using System.CommandLine;
using Flywheel.Cli.Models;
using CliOptions = Flywheel.Cli.Models.StoreOptions;
using Flywheel.Storage;
using Spectre.Console;

namespace Flywheel.Cli.Runs;

/// <summary><c>flywheel runs list [DIR] [--json]</c>: runs newest first, with status, trial count and failure reason.</summary>
internal static class RunsListCommand
{
    private sealed record RunListing(ExperimentRun Run, int Trials);

    public static Command Create()
    {
        var directoryArgument = RunsCommand.DirectoryArgument();
        var directory = CliOptions.Directory();
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var command = new Command("list", "List training runs, newest first") { directoryArgument, directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metadata = RunsCommand.Open(parse.GetValue(directoryArgument), parse.GetValue(directory)!, parse.GetValue(store));
            var listings = new List<RunListing>();
            foreach (var run in await metadata.Runs.ListRunsAsync(cancellationToken: cancellationToken))
                listings.Add(new RunListing(run, (await metadata.Runs.ListTrialsAsync(run.Id, cancellationToken)).Count));
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    store = metadata.Connection.Describe(),
                    runs = listings.Select(l => new
                    {
                        id = l.Run.Id, useCase = l.Run.UseCase, status = RunsCommand.Status(l.Run.Status), seed = l.Run.Seed,
                        startedAt = l.Run.StartedAt, finishedAt = l.Run.FinishedAt, trials = l.Trials, reason = l.Run.FailureReason,
                        host = l.Run.Host, pid = l.Run.ProcessId,
                    }),
                });
                return ExitCodes.Ok;
            }
            Render(metadata, listings);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(MetadataStore metadata, IReadOnlyList<RunListing> listings)
    {
        if (listings.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No runs recorded in {metadata.Connection.Describe()}.");
            return;
        }
        var table = new Table().AddColumns("run", "use case", "status", "started", "took", "trials", "reason");
        foreach (var (run, trials) in listings)
        {
            var took = run.FinishedAt is { } end ? $"{(end - run.StartedAt).TotalSeconds:N0} s" : "";
            table.AddRow(
                RunsCommand.Short(run.Id),
                Markup.Escape(run.UseCase),
                RunsCommand.Status(run.Status),
                run.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'"),
                took,
                trials.ToString("N0"),
                Markup.Escape(run.FailureReason ?? ""));
        }
        AnsiConsole.Write(table);
    }
}
