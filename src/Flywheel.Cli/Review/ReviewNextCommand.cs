using System.CommandLine;
using System.Text.Json;
using Flywheel.Cli.Models;
using Flywheel.Cli.Monitor;
using Flywheel.Operate.Review;
using Flywheel.Reports;
using Spectre.Console;
using CliOptions = Flywheel.Cli.Models.StoreOptions;

namespace Flywheel.Cli.Review;

/// <summary>
/// <c>flywheel review next ENDPOINT|DIR [--reviewer NAME] [--json]</c>: claims the endpoint's next item under a lease
/// (the one the reviewer already holds, else the oldest open one) and shows what the model saw and answered, why (the
/// top contributions) and how the nearest past items were decided — the body of <c>POST /api/v1/review/next</c>.
/// With nothing waiting it says so and exits 0 (<c>{"item": null, …}</c> in JSON).
/// </summary>
internal static class ReviewNextCommand
{
    public static Command Create()
    {
        var target = ReviewCommand.Target();
        var reviewer = ReviewCommand.Reviewer();
        var store = CliOptions.Store();
        var directory = CliOptions.Directory();
        var json = CliOptions.Json();
        var command = new Command("next", "Claim the next review item under a lease and show its features, score, explanation and similar past decisions")
        {
            target, reviewer, store, directory, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var resolved = await MonitorTarget.ResolveAsync(parse.GetValue(target)!, parse.GetValue(directory)!, parse.GetValue(store), "ENDPOINT|DIR", cancellation);
            var who = ReviewCommand.ResolveReviewer(parse.GetValue(reviewer));
            var claim = await new ReviewQueue(resolved.Store).ClaimNextAsync(who, resolved.Endpoint, cancellation);
            var similar = claim is null ? [] : await new SimilarDecisions(resolved.Store).FindAsync(claim.Item, cancellation: cancellation);
            if (parse.GetValue(json))
            {
                CliJson.Write(new { item = claim?.Item, leaseUntil = claim?.LeaseUntil, similar });
                return ExitCodes.Ok;
            }
            if (claim is null) AnsiConsole.MarkupLineInterpolated($"No review item of {resolved.Endpoint} is waiting for {who}.");
            else Render(claim, similar);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(ReviewClaim claim, IReadOnlyList<SimilarDecision> similar)
    {
        var item = claim.Item;
        AnsiConsole.MarkupLineInterpolated($"review item {item.Id}: {item.Endpoint} inference {item.InferenceId} row {item.Row}, model {item.ModelVersion} ({item.Activation})");
        AnsiConsole.MarkupLineInterpolated($"score {NumberText.Fixed(item.Score, 3)}, suggested label '{item.SuggestedLabel}', decision {item.Decision}; yours until {claim.LeaseUntil:u}");

        var features = new Table().AddColumns("feature", "value");
        if (item.Features.ValueKind == JsonValueKind.Object)
            foreach (var feature in item.Features.EnumerateObject()) features.AddRow(Markup.Escape(feature.Name), Markup.Escape(Text(feature.Value)));
        AnsiConsole.Write(features);

        if (item.Explanation is { } explanation && explanation.TryGetProperty("contributions", out var contributions))
        {
            var why = new Table().AddColumns("feature", "value", "change");
            foreach (var contribution in contributions.EnumerateArray())
                why.AddRow(Markup.Escape(Text(contribution.GetProperty("feature"))), Markup.Escape(Text(contribution.GetProperty("value"))),
                    NumberText.Fixed(contribution.GetProperty("change").GetDouble(), 4));
            AnsiConsole.MarkupLineInterpolated($"why ({Text(explanation.GetProperty("method"))}):");
            AnsiConsole.Write(why);
        }

        if (similar.Count == 0)
        {
            AnsiConsole.MarkupLine("no similar past decision yet");
            return;
        }
        var past = new Table().AddColumns("similar item", "label", "agreement", "score", "suggested", "distance");
        foreach (var decision in similar)
            past.AddRow(decision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(decision.Label), NumberText.Percent(decision.Agreement),
                NumberText.Fixed(decision.Score, 3), Markup.Escape(decision.SuggestedLabel), NumberText.Fixed(decision.Distance, 3));
        AnsiConsole.Write(past);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}
