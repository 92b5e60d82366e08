using System.CommandLine;
using System.Text.Json;
using Flywheel.Cli.Models;
using CliOptions = Flywheel.Cli.Models.StoreOptions;
using Flywheel.Storage;
using Spectre.Console;

namespace Flywheel.Cli.Runs;

/// <summary><c>flywheel runs show RUN_ID [DIR] [--json]</c>: one run and its trials table. RUN_ID may be its first characters.</summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("RUN_ID") { Description = "The run's id, or its first characters as 'runs list' prints them" };
        var directoryArgument = RunsCommand.DirectoryArgument();
        var directory = CliOptions.Directory();
        var store = CliOptions.Store();
        var json = CliOptions.Json();
        var command = new Command("show", "Show a run and its trials") { id, directoryArgument, directory, store, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metadata = RunsCommand.Open(parse.GetValue(directoryArgument), parse.GetValue(directory)!, parse.GetValue(store));
            var run = await FindAsync(metadata, parse.GetValue(id)!, cancellationToken);
            var trials = await metadata.Runs.ListTrialsAsync(run.Id, cancellationToken);
            if (parse.GetValue(json))
            {
                CliJson.Write(new
                {
                    run = new
                    {
                        id = run.Id, useCase = run.UseCase, status = RunsCommand.Status(run.Status), seed = run.Seed, startedAt = run.StartedAt,
                        finishedAt = run.FinishedAt, reason = run.FailureReason, host = run.Host, pid = run.ProcessId, heartbeatAt = run.HeartbeatAt,
                    },
                    trials = trials.Select(t => new
                    {
                        number = t.Number, trainer = t.Trainer, status = t.Status.ToString().ToLowerInvariant(), seconds = t.Duration.TotalSeconds,
                        hyperparameters = JsonDocument.Parse(t.HyperparametersJson).RootElement, metrics = JsonDocument.Parse(t.MetricsJson).RootElement, error = t.Error,
                    }),
                });
                return ExitCodes.Ok;
            }
            Render(run, trials);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<ExperimentRun> FindAsync(MetadataStore metadata, string text, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(text, out var full))
            return await metadata.Runs.FindRunAsync(full, cancellationToken) ?? throw new NotFoundException($"there is no run {text}", "run");
        var prefix = text.Replace("-", "").ToLowerInvariant();
        var matches = (await metadata.Runs.ListRunsAsync(cancellationToken: cancellationToken))
            .Where(r => prefix.Length > 0 && r.Id.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new NotFoundException($"there is no run '{text}'; 'flywheel runs list' shows them", "run"),
            _ => throw new InputException($"'{text}' is the start of {matches.Count} runs' ids; give more characters", "RUN_ID"),
        };
    }

    private static void Render(ExperimentRun run, IReadOnlyList<Trial> trials)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]run {run.Id}[/] of {run.UseCase}: {RunsCommand.Status(run.Status)}");
        AnsiConsole.MarkupLineInterpolated($"started {run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC on {run.Host ?? "?"} (process {run.ProcessId?.ToString() ?? "?"}), seed {run.Seed?.ToString() ?? "-"}");
        if (run.FinishedAt is { } end) AnsiConsole.MarkupLineInterpolated($"ended {end:yyyy-MM-dd HH:mm:ss} UTC after {(end - run.StartedAt).TotalSeconds:N1} s");
        if (run.FailureReason is { } reason) AnsiConsole.MarkupLineInterpolated($"reason: {reason}");
        if (trials.Count == 0)
        {
            AnsiConsole.MarkupLine("No trials recorded.");
            return;
        }
        var table = new Table().AddColumns("trial", "trainer", "status", "seconds", "metrics", "error");
        foreach (var trial in trials)
        {
            table.AddRow(
                trial.Number.ToString(),
                Markup.Escape(trial.Trainer),
                trial.Status.ToString().ToLowerInvariant(),
                trial.Duration.TotalSeconds.ToString("N1"),
                Markup.Escape(Metrics(trial.MetricsJson)),
                Markup.Escape(trial.Error ?? ""));
        }
        AnsiConsole.Write(table);
    }

    private static string Metrics(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join(", ", document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Number)
            .Select(p => $"{p.Name} {p.Value.GetDouble():0.####}"));
    }
}
