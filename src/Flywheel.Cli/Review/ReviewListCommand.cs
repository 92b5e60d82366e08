using System.CommandLine;
using Flywheel.Cli.Models;
using Flywheel.Cli.Monitor;
using Flywheel.Operate.Review;
using Flywheel.Reports;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Review;

/// <summary>
/// <c>flywheel review list ENDPOINT|DIR [--state queued|claimed|decided] [--limit N] [--json]</c>: the endpoint's items
/// oldest first; <c>--json</c> prints <c>{"items": [...]}</c>, the body of <c>GET /api/v1/review/items</c>.
/// </summary>
internal static class ReviewListCommand
{
    public static Command Create()
    {
        var target = ReviewCommand.Target();
        var state = new Option<string?>("--state") { Description = $"Only items in this state: {string.Join(", ", ReviewStates.All)} (an expired claim counts as queued)" };
        var limit = new Option<int>("--limit") { Description = "At most this many items (1 to 10000)", DefaultValueFactory = _ => 500 };
        var store = CliOptions.Store();
        var directory = CliOptions.Directory();
        var json = CliOptions.Json();
        var command = new Command("list", "List an endpoint's review items, oldest first") { target, state, limit, store, directory, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var resolved = await MonitorTarget.ResolveAsync(parse.GetValue(target)!, parse.GetValue(directory)!, parse.GetValue(store), "ENDPOINT|DIR", cancellation);
            var queue = new ReviewQueue(resolved.Store);
            var items = await ReviewCommand.NamingOptionsAsync(() => queue.ListAsync(resolved.Endpoint, parse.GetValue(state), parse.GetValue(limit), cancellation));
            if (parse.GetValue(json))
            {
                CliJson.Write(new { items });
                return ExitCodes.Ok;
            }
            Render(resolved.Endpoint, items);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(string endpoint, IReadOnlyList<ReviewItem> items)
    {
        if (items.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"No review items for {endpoint}.");
            return;
        }
        var table = new Table().AddColumns("id", "inference", "row", "model", "activation", "score", "suggested", "state", "answers", "label");
        foreach (var item in items)
        {
            table.AddRow(
                item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(item.InferenceId),
                item.Row.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(item.ModelVersion),
                Markup.Escape(item.Activation),
                NumberText.Fixed(item.Score, 3),
                Markup.Escape(item.SuggestedLabel),
                Markup.Escape(item.State == ReviewStates.Claimed ? $"claimed by {item.ClaimedBy}" : item.State),
                $"{item.AnswerCount}/{item.ReviewersNeeded}",
                Markup.Escape(item.Label ?? "—"));
        }
        AnsiConsole.Write(table);
    }
}
