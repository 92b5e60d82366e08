using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Cli.Monitor;
using Flywheel.Operate.Monitoring.Growth;
using Flywheel.Operate.Monitoring.Reporting;
using Flywheel.Operate.Monitoring.Runs;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Growth;

/// <summary>
/// <c>flywheel growth ENDPOINT|DIR [--since 30d] [--json] [-o growth.html]</c>: usage, data, accuracy and KPI per day and
/// version from the capture and the stored monitoring runs, and the three conditions' verdicts (as <c>GET /api/v1/use-cases/{name}/growth</c>).
/// </summary>
internal static class GrowthCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("ENDPOINT|DIR") { Description = "A use-case folder or an endpoint name in the store of --store / -d" };
        var since = new Option<string?>("--since") { Description = "Only capture from this time: 30d back from now or ISO 8601 (default: all)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the growth page as HTML here" };
        var store = CliOptions.Store();
        var directory = CliOptions.Directory();
        var json = CliOptions.Json();
        var command = new Command("growth", "Show the growth cycle: usage, labelled data, accuracy per version and realized value over time, and the three conditions")
        {
            target, since, output, store, directory, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var outputTarget = parse.GetValue(output) is { } path ? CliOutput.Target(path) : null;
            var resolved = await MonitorTarget.ResolveAsync(parse.GetValue(target)!, parse.GetValue(directory)!, parse.GetValue(store), "ENDPOINT|DIR", cancellation);
            DateTimeOffset? from = parse.GetValue(since) is { } text ? MonitoringTimes.Parse(text, "--since", DateTimeOffset.UtcNow) : null;
            var growth = await GrowthEvidence.BuildAsync(resolved.UseCase, [resolved.Endpoint], resolved.Capture, resolved.Store.HumanLabels, new MonitoringStore(resolved.Store), from, null, cancellation);
            if (outputTarget is not null)
            {
                outputTarget.WriteAllText(GrowthSections.Document(growth).ToHtml());
                Console.Error.WriteLine($"wrote {outputTarget.Display}");
            }
            if (parse.GetValue(json))
            {
                CliJson.Write(growth);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("condition", "verdict", "why");
            foreach (var condition in growth.Conditions) table.AddRow(Markup.Escape(condition.Name), Markup.Escape(condition.Verdict), Markup.Escape(condition.Explanation));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{growth.Data.Sum(d => d.Captured)} rows captured over {growth.Data.Count} days, {growth.Data.Sum(d => d.Labelled)} labelled; {growth.Accuracy.Select(a => a.ModelVersion).Distinct().Count()} versions measured");
            return ExitCodes.Ok;
        });
        return command;
    }
}
